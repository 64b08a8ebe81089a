using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

/// <summary>Steps of the bridging workflow through the real forms, shared by the tests of this folder.</summary>
public static class Bridging
{
    public static async Task<int> CreateCitizenAsync(this HttpClient client, string firstName, string lastName = "Testesen", string? phone = null,
        string[]? consents = null, string channel = "Sms", string birthYear = "1975", string postalCode = "2630", Dictionary<string, string>? more = null)
    {
        var form = await client.GetFormAsync("/borgere/ny");
        var values = new List<KeyValuePair<string, string>>(form.Select(kv => kv));
        void Set(string k, string v)
        {
            values.RemoveAll(x => x.Key == k);
            values.Add(new(k, v));
        }

        Set("Input.FirstName", firstName);
        Set("Input.LastName", lastName);
        // A fresh number each time, so citizens of one test class are not taken for duplicates of each other.
        Set("Input.Phone", phone ?? "7" + Random.Shared.Next(0, 9_999_999).ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
        Set("Input.BirthYear", birthYear);
        Set("Input.PostalCode", postalCode);
        Set("Input.TargetGroup", "OutsideLabourMarketAtRisk");
        Set("Input.PreferredChannel", channel);
        Set("Input.ConsentMethod", "Verbal");
        foreach (var (k, v) in more ?? [])
        {
            Set(k, v);
        }

        foreach (var c in consents ?? ["ShareWithClub", "Reminders"])
        {
            values.Add(new("Input.Consents", c));
        }

        var response = await client.PostAsync("/borgere/ny", new FormUrlEncodedContent(values));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/borgere/");
        return int.Parse(location["/borgere/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Refers through the referral form with its defaults (alone, the team's next session); returns the referral id.</summary>
    public static async Task<int> ReferAsync(this HttpClient client, int citizenId, int teamId, Dictionary<string, string>? changes = null)
    {
        var url = $"/borgere/{citizenId}/henvis/{teamId}";
        var form = await client.GetFormAsync(url);
        var response = await client.PostFormAsync(url, form, changes);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/henvisninger/");
        return int.Parse(location["/henvisninger/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<int> AccessLogCount(this AppFactory app, int citizenId) =>
        app.WithDb(db => db.AccessLog.CountAsync(a => a.CitizenId == citizenId));

    public static Task<Referral> Referral(this AppFactory app, int id) =>
        app.WithDb(db => db.Referrals.AsNoTracking().Include(r => r.History).SingleAsync(r => r.Id == id));
}
