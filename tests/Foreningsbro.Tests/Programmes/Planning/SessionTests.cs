using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

public class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<ProgrammeSession> Session(int id) => app.WithDb(db => db.ProgrammeSessions.AsNoTracking().SingleAsync(s => s.Id == id, Ct));

    private Task<int> NextSession(string programme, DateOnly date) =>
        app.WithDb(db => db.ProgrammeSessions.Where(s => s.Programme.Name == programme && s.Date == date).Select(s => s.Id).SingleAsync(Ct));

    [Fact]
    public async Task A_session_is_moved_given_a_topic_cancelled_with_a_reason_and_restored()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var id = await NextSession("Sundere sammen", new DateOnly(2026, 11, 26));
        var url = $"/forloeb/traening/{id}/rediger";

        var form = await malene.GetFormAsync(url, "#session-form");
        var moved = await malene.PostFormAsync(url, form, new() { ["Input.Date"] = "2026-11-27", ["Input.Start"] = "09:00", ["Input.End"] = "10:30", ["Input.Topic"] = "Kost", ["Input.TopicNote"] = "Diætist kommer" });
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = await Session(id);
        (session.Date, session.Start, session.End, session.Topic, session.TopicNote).ShouldBe((new DateOnly(2026, 11, 27), new TimeOnly(9, 0), new TimeOnly(10, 30), "Kost", "Diætist kommer"));
        session.ScheduledDate.ShouldBe(new DateOnly(2026, 11, 26));

        // A cancellation needs a reason.
        var cancel = await malene.GetFormAsync(url, "#cancel-form");
        var refused = await malene.PostFormAsync(url + "?handler=Cancel", cancel, new() { ["Cancel.Reason"] = " " });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.ReadDocumentAsync()).FieldError("Cancel_Reason").ShouldBe("Skriv hvorfor træningen er aflyst, fx Hallen er optaget.");
        (await malene.PostFormAsync(url + "?handler=Cancel", cancel, new() { ["Cancel.Reason"] = "Hallen er optaget" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        session = await Session(id);
        session.Cancelled.ShouldBeTrue();
        session.CancelReason.ShouldBe("Hallen er optaget");

        var list = await malene.GetDocumentAsync($"/forloeb/{session.ProgrammeId}/traeninger");
        var row = list.QuerySelector($"#sessions tr[data-session='{id}']")!.TextContent;
        row.ShouldContain("Aflyst: Hallen er optaget");
        row.ShouldContain("Flyttet");
        row.ShouldContain("Kost");

        // Regenerating the plan neither brings the original slot back nor un-cancels it.
        await app.WithDb(db => Web.Features.Programmes.SessionPlan.EnsureGeneratedAsync(db, session.ProgrammeId, AppFactory.Now, Ct));
        (await app.WithDb(db => db.ProgrammeSessions.CountAsync(s => s.ProgrammeId == session.ProgrammeId && s.Date == new DateOnly(2026, 11, 26), Ct))).ShouldBe(0);

        var restore = await malene.GetFormAsync(url, "#restore-form");
        (await malene.PostFormAsync(url + "?handler=Restore", restore)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Session(id)).Cancelled.ShouldBeFalse();

        // The restore form again, now stale: a clear message, nothing changed.
        var stale = await malene.PostFormAsync(url + "?handler=Cancel", cancel, new() { ["Cancel.Reason"] = "For sent" });
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.ReadDocumentAsync()).QuerySelector("#stale-edit")!.TextContent.ShouldContain("Træningen er blevet ændret af en anden i mellemtiden.");
        (await Session(id)).Cancelled.ShouldBeFalse();
    }

    [Fact]
    public async Task An_extra_session_is_added_once_even_when_the_form_is_sent_twice()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var programme = await app.ProgrammeId("Sundere sammen");
        var url = $"/forloeb/{programme}/traeninger";
        var form = await malene.GetFormAsync(url, "#extra-form");
        var values = new Dictionary<string, string> { ["Extra.Date"] = "2026-11-20", ["Extra.Start"] = "13:00", ["Extra.End"] = "14:00", ["Extra.Topic"] = "Stress" };

        (await malene.PostFormAsync(url + "?handler=Extra", form, values)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await malene.PostFormAsync(url + "?handler=Extra", form, values);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadDocumentAsync()).FieldError("Extra_Start").ShouldBe("Der er allerede en træning 20. november kl. 13.00.");
        var extra = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == programme && s.Date == new DateOnly(2026, 11, 20)).ToListAsync(Ct));
        extra.Count.ShouldBe(1);
        extra[0].ScheduledDate.ShouldBeNull();
        extra[0].Topic.ShouldBe("Stress");

        var past = await malene.PostFormAsync(url + "?handler=Extra", form, new() { ["Extra.Date"] = "2026-11-01", ["Extra.Start"] = "13:00", ["Extra.End"] = "14:00" });
        (await past.ReadDocumentAsync()).FieldError("Extra_Date").ShouldBe("Datoen ligger i fortiden. Vælg en dag fra i dag og frem.");
    }

    [Fact]
    public async Task A_group_visit_tells_the_club_how_many_are_coming_without_names_and_shows_on_the_clubs_visit_list()
    {
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var id = await NextSession("Livsstilsholdet", new DateOnly(2026, 11, 24));
        var url = $"/forloeb/traening/{id}/rediger";
        var stavgang = await app.TeamId("Stavgang for alle");
        var form = await hanne.GetFormAsync(url, "#visit-form");

        // The team does not meet on a Wednesday.
        var wrongDay = await hanne.PostFormAsync(url + "?handler=Visit", form, new() { ["Visit.TeamId"] = stavgang.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Visit.Date"] = "2026-11-25" });
        wrongDay.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await wrongDay.ReadDocumentAsync();
        doc.FieldError("Visit_Date").ShouldBe("Stavgang for alle træner ikke onsdag. Holdet træner tirsdag.");
        doc.SelectValue("Visit_TeamId").ShouldBe(stavgang.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var before = await app.WithDb(db => db.OutboxMessages.Select(m => m.Id).ToListAsync(Ct));
        var response = await hanne.PostFormAsync(url + "?handler=Visit", form, new() { ["Visit.TeamId"] = stavgang.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Visit.Date"] = "2026-11-24" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var session = await Session(id);
        (session.VisitTeamId, session.Date, session.Start, session.End).ShouldBe((stavgang, new DateOnly(2026, 11, 24), new TimeOnly(10, 0), new TimeOnly(11, 0)));
        var message = await app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => !before.Contains(m.Id)).SingleAsync(Ct));
        var contact = await app.WithDb(db => db.Teams.Where(t => t.Id == stavgang).Select(t => t.ContactEmail ?? t.Club.ContactPersons.Select(c => c.Email).First()).SingleAsync(Ct));
        message.Kind.ShouldBe(MessageKind.ClubNotice);
        message.To.ShouldBe(contact);
        message.CitizenId.ShouldBeNull();
        // Neither the programme nor its department: they tell the club why these people are in a programme (issue 13).
        message.Body.ShouldContain("8 deltagere fra et kommunalt forløb kommer på gruppebesøg på Stavgang for alle");
        message.Body.ShouldNotContain("Livsstilsholdet");
        message.Body.ShouldNotContain("Sundhedscenter");
        message.Body.ShouldContain("Se besøget i Foreningsbro: http://localhost/min-forening/besoeg");
        message.Body.ShouldEndWith("Venlig hilsen Høje-Taastrup Kommune" + Environment.NewLine);
        message.Body.ShouldContain("tirsdag 24. november 2026 kl. 10.00");
        var names = await app.WithDb(db => db.Enrolments.Where(e => e.Programme.Name == "Livsstilsholdet").Select(e => new { e.Citizen.FirstName, e.Citizen.LastName, e.Citizen.Phone }).ToListAsync(Ct));
        foreach (var n in names)
        {
            message.Body.ShouldNotContain(n.FirstName);
            message.Body.ShouldNotContain(n.LastName);
            message.Body.ShouldNotContain(n.Phone!);
        }

        // The same form again (a double click): refused as stale, and the club is not told twice.
        var twice = await hanne.PostFormAsync(url + "?handler=Visit", form, new() { ["Visit.TeamId"] = stavgang.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Visit.Date"] = "2026-11-24" });
        twice.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await twice.ReadDocumentAsync()).QuerySelector("#stale-edit")!.TextContent.ShouldContain("Træningen er blevet ændret af en anden i mellemtiden.");
        (await app.WithDb(db => db.OutboxMessages.CountAsync(m => !before.Contains(m.Id), Ct))).ShouldBe(1);

        var club = await app.CreateClubContactClient();
        var visits = await club.GetDocumentAsync("/min-forening/besoeg");
        var row = visits.QuerySelector($"#group-visits tr[data-session='{id}']")!.TextContent;
        row.ShouldContain("Gruppebesøg: 8 deltagere fra et kommunalt forløb");
        row.ShouldNotContain("Livsstilsholdet");
        row.ShouldNotContain("Sundhedscenter");
        row.ShouldContain("Stavgang for alle");
        row.ShouldContain("10.00");
        foreach (var n in names)
        {
            visits.QuerySelector("#group-visits")!.TextContent.ShouldNotContain(n.FirstName);
        }

        // The other club's contact does not see it.
        var other = await app.CreateClientAs(DemoUsers.OtherClubContact);
        (await other.GetDocumentAsync("/min-forening/besoeg")).QuerySelector($"#group-visits tr[data-session='{id}']").ShouldBeNull();

        // Held as a normal training after all: the club is told it is off.
        var end = await hanne.GetFormAsync(url, "#end-visit-form");
        (await hanne.PostFormAsync(url + "?handler=EndVisit", end)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Session(id)).VisitTeamId.ShouldBeNull();
        (await app.WithDb(db => db.OutboxMessages.Where(m => !before.Contains(m.Id)).OrderByDescending(m => m.Id).Select(m => m.Subject).FirstAsync(Ct)))
            .ShouldBe("Gruppebesøg på Stavgang for alle er aflyst");
    }
}
