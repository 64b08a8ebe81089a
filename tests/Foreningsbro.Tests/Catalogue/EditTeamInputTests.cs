using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue;

/// <summary>/hold/{id}/rediger: a form that leaves out its version or a choice saves nothing (as an int and an enum they read as 0 and "active").</summary>
public class EditTeamInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paused_teams_form_without_its_version_and_status_is_refused_and_the_team_stays_paused()
    {
        var id = await app.TeamId("Stole-gymnastik");
        await app.WithDb(db => db.Teams.Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TeamStatus.Paused), Ct));
        var before = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id, Ct));
        before.Version.ShouldBe(0, "a row never edited: what an absent version used to read as");
        var client = await app.CreateClubContactClient();
        var url = $"/hold/{id}/rediger";
        var form = await client.GetFormAsync(url, "#team-form");
        form.Remove("Input.Version");
        form.Remove("Input.Status");
        form.Remove("Input.Intensity");

        var response = await client.PostFormAsync(url, form, new() { ["Input.Title"] = "Stolegymnastik for alle" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Status").ShouldBe("Vælg en status.");
        doc.FieldError("Input_Intensity").ShouldBe("Vælg en intensitet.");
        doc.ErrorSummary().Select(e => e.Text).ShouldContain(Forms.MissingVersionMessage);
        doc.InputValue("Input_Title").ShouldBe("Stolegymnastik for alle");
        var after = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id, Ct));
        (after.Title, after.Status, after.Intensity, after.Version).ShouldBe((before.Title, TeamStatus.Paused, before.Intensity, 0));
    }
}
