using System.Globalization;
using System.Net;

using Foreningsbro.Tests.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>Steps through the programme forms, shared by the tests of this folder.</summary>
public static class Steps
{
    public static Task<int> ProgrammeId(this AppFactory app, string name) =>
        app.WithDb(db => db.Programmes.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

    /// <summary>Creates a programme through /forloeb/nyt: Monday 10:00–11:00 at the first venue offered; returns its id.</summary>
    public static async Task<int> CreateProgrammeAsync(this HttpClient client, string name, Dictionary<string, string>? changes = null)
    {
        var form = await client.GetFormAsync("/forloeb/nyt");
        var values = new Dictionary<string, string>(form)
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "LifestyleGroup",
            ["Input.StartDate"] = "2026-11-23",
            ["Input.Weeks"] = "4",
            ["Input.Capacity"] = "10",
            ["Input.Schedules[0].Weekday"] = "Monday",
            ["Input.Schedules[0].Start"] = "10:00",
            ["Input.Schedules[0].End"] = "11:00",
        };
        var doc = await client.GetDocumentAsync("/forloeb/nyt");
        values["Input.VenueId"] = doc.QuerySelectorAll("#Input_VenueId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var response = await client.PostFormAsync("/forloeb/nyt", values, changes);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/forloeb/");
        return int.Parse(location["/forloeb/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Enrols through the form with its defaults; returns the response (a redirect to the citizen page on success).</summary>
    public static async Task<HttpResponseMessage> EnrolAsync(this HttpClient client, int citizenId, int programmeId, Dictionary<string, string>? changes = null)
    {
        var url = $"/borgere/{citizenId}/forloeb/{programmeId}";
        var form = await client.GetFormAsync(url);
        return await client.PostFormAsync(url, form, changes);
    }
}
