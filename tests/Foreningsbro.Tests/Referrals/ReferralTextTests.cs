using System.Net;
using System.Net.Http.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

/// <summary>Typed text in a referral (needs for the club, a status reason) through the one text rule (issue 14, finding 4).</summary>
public class ReferralTextTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_nul_character_in_needs_for_club_is_refused_naming_the_field_and_no_referral_is_made()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Behov"));

        var response = await client.PostAsJsonAsync("/api/v1/referrals", new
        {
            citizenId,
            teamId = await app.TeamId("Stavgang for alle"),
            visitMode = "Alone",
            visitDate = "2026-11-24",
            needsForClub = "Har\0 brug for ro",
            idempotencyKey = Guid.NewGuid(),
        }, Ct);

        (await response.FieldError("needsForClub")).ShouldBe(TextInput.ControlMessage);
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizenId, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Needs_for_club_over_its_column_is_refused_but_several_lines_are_fine()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Linjer"));
        var teamId = await app.TeamId("Stavgang for alle");

        var tooLong = await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Alone", visitDate = "2026-11-24", needsForClub = new string('x', Limits.NeedsForClub + 1), idempotencyKey = Guid.NewGuid() }, Ct);
        (await tooLong.FieldError("needsForClub")).ShouldBe("Teksten til foreningen må højst være 500 tegn.");

        var lines = await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Alone", visitDate = "2026-11-24", needsForClub = "Kommer med sin søster.\nHar dårligt knæ.", idempotencyKey = Guid.NewGuid() }, Ct);
        lines.StatusCode.ShouldBe(HttpStatusCode.Created, await lines.Content.ReadAsStringAsync(Ct));
        (await app.WithDb(db => db.Referrals.Where(r => r.CitizenId == citizenId).Select(r => r.NeedsForClub).SingleAsync(Ct))).ShouldBe("Kommer med sin søster.\nHar dårligt knæ.");
    }

    [Fact]
    public async Task A_control_character_on_the_referral_page_is_a_danish_field_error_and_keeps_the_other_text()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await pro.CreateCitizenAsync("Side", "Behovsen");
        var url = $"/borgere/{citizen}/henvis/{await app.TeamId("Stavgang for alle")}";
        var form = await pro.GetFormAsync(url, "#referral-form");

        var response = await pro.PostFormAsync(url, form, new() { ["Input.NeedsForClub"] = "Ro\u001Blig" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).FieldError("Input_NeedsForClub").ShouldBe(TextInput.ControlMessage);
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizen, Ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("Ringede\0 op", TextInput.ControlMessage)]
    [InlineData("\u202Edneirf", TextInput.BidiMessage)]
    [InlineData("\u200B", TextInput.InvisibleMessage)]
    public async Task A_status_reason_the_rule_refuses_is_a_400_naming_reason_and_the_status_stays(string reason, string message)
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Grund"));
        var referral = await client.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"), key: Guid.NewGuid());
        var id = referral.GetProperty("id").GetInt32();
        var other = await app.WithDb(db => db.ClosingReasons.Where(c => c.Name == "Andet").Select(c => c.Id).SingleAsync(Ct));
        var before = await app.Referral(id);

        var response = await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Closed", closingReasonId = other, reason, version = referral.GetProperty("version").GetInt32() }, Ct);

        (await response.FieldError("reason")).ShouldBe(message);
        var saved = await app.Referral(id);
        (saved.Status, saved.Version, saved.History.Count).ShouldBe((before.Status, before.Version, before.History.Count));
    }
}
