using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>The programme and session forms: a form that does not say which version it edits, or leaves out a choice, saves nothing.</summary>
public class PlanningInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<ProgrammeSession> SessionAsync(int id) => app.WithDb(db => db.ProgrammeSessions.AsNoTracking().SingleAsync(s => s.Id == id, Ct));

    private Task<int> OutboxCountAsync() => app.WithDb(db => db.OutboxMessages.CountAsync(Ct));

    [Fact]
    public async Task A_programme_form_without_its_version_or_kind_is_refused_and_changes_nothing()
    {
        var id = await app.ProgrammeId("Livsstilsholdet");
        var before = await app.WithDb(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Id == id, Ct));
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var url = $"/forloeb/{id}/rediger";
        var form = await hanne.GetFormAsync(url, "#programme-form");
        form.Remove("Input.Version");
        form.Remove("Input.Kind");

        var response = await hanne.PostFormAsync(url, form, new() { ["Input.Name"] = "Livsstilsholdet II" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Kind").ShouldBe("Vælg en type.");
        doc.ErrorSummary().Select(e => e.Text).ShouldContain(Forms.MissingVersionMessage);
        doc.InputValue("Input_Name").ShouldBe("Livsstilsholdet II");
        var after = await app.WithDb(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Id == id, Ct));
        (after.Name, after.Kind, after.Version).ShouldBe((before.Name, before.Kind, before.Version));
    }

    [Fact]
    public async Task A_session_form_without_its_version_keeps_what_was_typed_and_moves_nothing()
    {
        var id = await app.SessionId("Livsstilsholdet", new DateOnly(2026, 11, 24));
        var before = await SessionAsync(id);
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var url = $"/forloeb/traening/{id}/rediger";
        var form = await hanne.GetFormAsync(url, "#session-form");
        form.Remove("Input.Version");

        var response = await hanne.PostFormAsync(url, form, new() { ["Input.Start"] = "12:00", ["Input.End"] = "13:00", ["Input.Topic"] = "Søvn" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().ShouldBe([(Forms.MissingVersionMessage, "#Input_Version")]);
        doc.InputValue("Input_Start").ShouldBe("12:00");
        doc.InputValue("Input_Topic").ShouldBe("Søvn");
        // The page's other forms show what is saved, with the version they need to be sent.
        doc.InputValue("Cancel_Version").ShouldBe(before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var after = await SessionAsync(id);
        (after.Date, after.Start, after.End, after.Topic, after.Version).ShouldBe((before.Date, before.Start, before.End, before.Topic, before.Version));
    }

    [Fact]
    public async Task Ending_a_group_visit_without_the_version_is_refused_and_the_club_is_not_told()
    {
        var id = await app.SessionId("Livsstilsholdet", new DateOnly(2026, 12, 8));
        var stavgang = await app.TeamId("Stavgang for alle");
        await app.WithDb(db => db.ProgrammeSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.VisitTeamId, stavgang), Ct));
        var before = await SessionAsync(id);
        before.Version.ShouldBe(0, "a row never edited: what an absent version used to read as");
        var messages = await OutboxCountAsync();
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var url = $"/forloeb/traening/{id}/rediger";
        var token = (await hanne.GetFormAsync(url, "#end-visit-form"))["__RequestVerificationToken"];

        var response = await hanne.PostFormAsync(url + "?handler=EndVisit", new() { ["__RequestVerificationToken"] = token });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).ErrorSummary().Select(e => e.Text).ShouldBe([Forms.MissingVersionMessage]);
        var after = await SessionAsync(id);
        (after.VisitTeamId, after.Version).ShouldBe((stavgang, 0));
        (await OutboxCountAsync()).ShouldBe(messages);
    }

    [Fact]
    public async Task Restoring_a_cancelled_session_without_the_version_is_refused()
    {
        var id = await app.SessionId("Livsstilsholdet", new DateOnly(2026, 12, 1));
        await app.WithDb(db => db.ProgrammeSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Cancelled, true).SetProperty(s => s.CancelReason, "Hallen er optaget"), Ct));
        (await SessionAsync(id)).Version.ShouldBe(0);
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var url = $"/forloeb/traening/{id}/rediger";
        var token = (await hanne.GetFormAsync(url, "#restore-form"))["__RequestVerificationToken"];

        var response = await hanne.PostFormAsync(url + "?handler=Restore", new() { ["__RequestVerificationToken"] = token });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).ErrorSummary().Select(e => e.Text).ShouldBe([Forms.MissingVersionMessage]);
        var after = await SessionAsync(id);
        (after.Cancelled, after.CancelReason, after.Version).ShouldBe((true, "Hallen er optaget", 0));
    }
}
