using System.Net;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>/forloeb/deltager/{id}/rediger: a next-step or end form that does not say which version it edits saves nothing.</summary>
public class EnrolmentEditInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Fatima Yilmaz of "Livsstilsholdet" (Sundhedscenter Høje-Taastrup): next step "Stavgang for alle", consultant Hanne.</summary>
    private Task<int> FatimaAsync() =>
        app.WithDb(db => db.Enrolments.Where(e => e.Programme.Name == "Livsstilsholdet" && e.Citizen.FirstName == "Fatima").Select(e => e.Id).SingleAsync(Ct));

    private Task<Enrolment> EnrolmentAsync(int id) => app.WithDb(db => db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == id, Ct));

    [Fact]
    public async Task An_empty_next_step_form_is_refused_and_keeps_the_team_and_the_consultant()
    {
        var id = await FatimaAsync();
        var before = await EnrolmentAsync(id);
        before.NextStepTeamId.ShouldNotBeNull();
        before.ConsultantId.ShouldNotBeNull();
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var url = $"/forloeb/deltager/{id}/rediger";
        var token = (await hanne.GetFormAsync(url, "#step-form"))["__RequestVerificationToken"];

        var response = await hanne.PostFormAsync(url + "?handler=Step", new() { ["__RequestVerificationToken"] = token });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().ShouldContain((Forms.MissingVersionMessage, "#Step_Version"));
        // The page's other form still shows what is saved, with the version it needs to be sent.
        doc.QuerySelector<IHtmlInputElement>("#end-form input[name='End.Version']")!.Value.ShouldBe(before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var after = await EnrolmentAsync(id);
        (after.NextStepTeamId, after.ConsultantId, after.Version).ShouldBe((before.NextStepTeamId, before.ConsultantId, before.Version));
    }

    [Fact]
    public async Task An_end_form_without_its_version_keeps_what_was_typed_and_does_not_end_the_enrolment()
    {
        var id = await FatimaAsync();
        var before = await EnrolmentAsync(id);
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var url = $"/forloeb/deltager/{id}/rediger";
        var form = await hanne.GetFormAsync(url, "#end-form");
        form.Remove("End.Version");

        var response = await hanne.PostFormAsync(url + "?handler=End", form, new() { ["End.Date"] = "2026-11-20", ["End.Reason"] = "Job", ["End.Note"] = "Fuldtidsjob" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().Select(e => e.Text).ShouldBe([Forms.MissingVersionMessage]);
        doc.InputValue("End_Date").ShouldBe("2026-11-20");
        doc.TextAreaValue("End_Note").ShouldBe("Fuldtidsjob");
        var after = await EnrolmentAsync(id);
        (after.EndDate, after.EndReason, after.EndNote, after.Version).ShouldBe((before.EndDate, before.EndReason, before.EndNote, before.Version));
    }
}
