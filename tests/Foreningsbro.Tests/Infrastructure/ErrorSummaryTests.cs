using AngleSharp.Html.Dom;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// One error summary (Pages/Shared/_ErrorSummary) on every form: the seven forms that had their own
/// summary without links (login, new citizen, conversation, referral, referral status, enrolment, progress
/// note) now list each error as a link to the field in error, with the DKFDS error icon.
/// </summary>
public class ErrorSummaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Forms() => ["login", "new citizen", "conversation", "referral", "referral status", "enrolment", "progress note"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_with_errors_shows_the_shared_summary_whose_entries_link_to_the_fields(string form)
    {
        var ids = await app.WithDb(async db => new
        {
            Citizen = await db.Citizens.Where(c => c.FirstName == "Anne" && c.LastName == "Andersen").Select(c => c.Id).SingleAsync(Ct),
            Team = await db.Teams.Where(t => t.Title == "Stavgang for alle").Select(t => t.Id).SingleAsync(Ct),
            Referral = await db.Referrals.Where(r => r.Citizen.LastName == "Andersen").Select(r => r.Id).SingleAsync(Ct),
            Programme = await db.Programmes.Where(p => p.Name == "Livsstilsholdet").Select(p => p.Id).SingleAsync(Ct),
            EnrolCitizen = await db.Citizens.Where(c => c.FirstName == "Frank" && c.LastName == "Olsen").Select(c => c.Id).SingleAsync(Ct),
            Enrolment = await db.Enrolments.Where(e => e.Programme.Name == "Livsstilsholdet" && e.Citizen.LastName == "Yilmaz").Select(e => e.Id).SingleAsync(Ct),
        });
        (string? User, string Url, string Post, string? Selector, Dictionary<string, string> Changes) c = form switch
        {
            "login" => (null, "/konto/log-ind", "/konto/log-ind", null, new() { ["Input.Email"] = "", ["Input.Password"] = "" }),
            "new citizen" => (DemoUsers.Professional, "/borgere/ny", "/borgere/ny", null, new() { ["Input.FirstName"] = "", ["Input.BirthYear"] = "19x5", ["Input.PostalCode"] = "12" }),
            "conversation" => (DemoUsers.Professional, $"/borgere/{ids.Citizen}/samtale", $"/borgere/{ids.Citizen}/samtale", null, new() { ["Input.Motivation"] = "" }),
            "referral" => (DemoUsers.Professional, $"/borgere/{ids.Citizen}/henvis/{ids.Team}", $"/borgere/{ids.Citizen}/henvis/{ids.Team}", null, new() { ["Input.VisitMode"] = "", ["Input.VisitDate"] = "31-02-2026" }),
            "referral status" => (DemoUsers.Professional, $"/henvisninger/{ids.Referral}", $"/henvisninger/{ids.Referral}", "#status-form", new() { ["Input.Status"] = "" }),
            "enrolment" => (DemoUsers.HealthProfessional, $"/borgere/{ids.EnrolCitizen}/forloeb/{ids.Programme}", $"/borgere/{ids.EnrolCitizen}/forloeb/{ids.Programme}", null, new() { ["Input.StartDate"] = "" }),
            _ => (DemoUsers.HealthProfessional, $"/forloeb/deltager/{ids.Enrolment}", $"/forloeb/deltager/{ids.Enrolment}?handler=Note", "form[action*='handler=Note']", new() { ["Input.Text"] = "" }),
        };
        var client = c.User is null ? app.CreateAnonymousClient() : await app.CreateClientAs(c.User);
        var values = (await client.GetDocumentAsync(c.Url)).FormValues(c.Selector);
        var response = await client.PostFormAsync(c.Post, values, c.Changes);
        var doc = await response.ReadDocumentAsync();

        var summary = doc.QuerySelector("#error-summary") ?? throw new ShouldAssertException($"{form}: no error summary ({(int)response.StatusCode})");
        doc.QuerySelectorAll("#error-summary").Length.ShouldBe(1);
        summary.GetAttribute("data-module").ShouldBe("error-summary");
        summary.QuerySelector("svg.alert-icon use")!.GetAttribute("href").ShouldEndWith("#error");
        var links = doc.ErrorSummary();
        links.ShouldNotBeEmpty($"{form}: the summary has no links: {summary.TextContent}");
        foreach (var (text, href) in links)
        {
            href.ShouldStartWith("#");
            var field = doc.GetElementById(href[1..]);
            field.ShouldNotBeNull($"{form}: \"{text}\" links to {href}, which is not on the page");
            (field is IHtmlInputElement or IHtmlSelectElement or IHtmlTextAreaElement).ShouldBeTrue($"{form}: {href} is a <{field.LocalName}>, not a field");
        }
    }
}
