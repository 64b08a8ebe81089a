using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using AngleSharp.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

public class AttendancePageTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public AttendancePageTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_instructor_sees_todays_sessions_of_her_own_programmes_only()
    {
        var ida = await (await app.CreateClientAs(DemoUsers.Instructor)).GetDocumentAsync("/instruktoer");
        var today = ida.QuerySelector("#today")!.TextContent;
        today.ShouldContain("Sundere sammen");
        today.ShouldContain("Livsstilsholdet");

        var ole = await (await app.CreateClientAs(DemoUsers.OtherInstructor)).GetDocumentAsync("/instruktoer");
        ole.QuerySelector("#today")!.TextContent.ShouldContain("Sundere sammen");
        ole.QuerySelector("main")!.TextContent.ShouldNotContain("Livsstilsholdet");
    }

    [Fact]
    public async Task The_session_page_shows_first_names_only_and_is_access_logged()
    {
        var client = await app.CreateClientAs(DemoUsers.Instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var before = await app.WithDb(db => db.AccessLog.CountAsync(a => a.View.Contains("Træning: deltagere"), Ct));

        var doc = await client.GetDocumentAsync($"/instruktoer/traening/{sessionId}");

        var names = doc.QuerySelectorAll(".att-name").Select(n => n.TextContent.Trim()).ToList();
        names.Count.ShouldBe(10); // twelve enrolled, Lone and Mads have moved on to the club
        names.ShouldContain("Sara");
        names.ShouldNotContain("Lone");
        doc.QuerySelector("main")!.TextContent.ShouldNotContain("Nørgaard");
        (await app.WithDb(db => db.AccessLog.CountAsync(a => a.View.Contains("Træning: deltagere"), Ct))).ShouldBe(before + 1);
    }

    [Fact]
    public async Task All_present_marks_everyone_not_yet_recorded_and_then_the_exceptions_are_changed()
    {
        var client = await app.CreateClientAs(DemoUsers.OtherInstructor);
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var torben = await app.EnrolmentId(AttendanceSetup.Sundere, "Torben");
        var sara = await app.EnrolmentId(AttendanceSetup.Sundere, "Sara");

        // Torben sent word before: notice of absence first, then everyone else is here.
        (await client.PostSessionFormAsync(sessionId, "Status", torben, new() { ["Input.Status"] = "AbsentWithNotice" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var all = await client.PostSessionFormAsync(sessionId, "AllPresent");
        all.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = await app.WithDb(db => db.Attendances.Where(a => a.SessionId == sessionId).Select(a => new { a.EnrolmentId, a.Status }).ToListAsync(Ct));
        rows.Count.ShouldBe(10);
        rows.Single(r => r.EnrolmentId == torben).Status.ShouldBe(AttendanceStatus.AbsentWithNotice);
        rows.Count(r => r.Status == AttendanceStatus.Present).ShouldBe(9);

        (await client.PostSessionFormAsync(sessionId, "Status", sara, new() { ["Input.Status"] = "Absent" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Attendance(sessionId, sara))!.Status.ShouldBe(AttendanceStatus.Absent);
        var doc = await client.GetDocumentAsync($"/instruktoer/traening/{sessionId}");
        doc.QuerySelector($"#p-{sara} .att-status")!.TextContent.ShouldBe("Udeblevet");
        doc.QuerySelector("#all-present").ShouldBeNull(); // nobody left to mark
    }

    [Fact]
    public async Task A_check_in_without_a_face_is_refused_next_to_the_field_keeping_the_word()
    {
        var client = await app.CreateClientAs(DemoUsers.Instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Lifestyle, AttendanceSetup.TuesdayDate);
        var bo = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Bo");

        var response = await client.PostSessionFormAsync(sessionId, "CheckIn", bo, new() { ["Input.Word"] = "spændt" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector($"#p-{bo} fieldset.form-error .form-error-message")!.TextContent.ShouldBe("Vælg hvordan deltageren har det i dag.");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#word-{bo}")!.Value.ShouldBe("spændt");
        (await app.Attendance(sessionId, bo)).ShouldBeNull();

        var saved = await client.PostSessionFormAsync(sessionId, "CheckIn", bo, new() { ["Input.Mood"] = "5", ["Input.Word"] = "spændt" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var checkOut = await client.PostSessionFormAsync(sessionId, "CheckOut", bo, new() { ["Input.Rating"] = "4", ["Input.Reason"] = "Dejligt at gå sammen." });
        checkOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = (await app.Attendance(sessionId, bo))!;
        (row.Status, row.CheckInMood, row.CheckInWord, row.CheckOutRating, row.CheckOutReason).ShouldBe((AttendanceStatus.Present, (int?)5, "spændt", (int?)4, "Dejligt at gå sammen."));
        (await client.GetDocumentAsync($"/instruktoer/traening/{sessionId}")).QuerySelector($"#p-{bo} .att-answers")!.TextContent.ShouldContain("Dejligt at gå sammen.");
    }

    [Fact]
    public async Task A_stale_status_button_is_a_conflict_not_an_overwrite()
    {
        var client = await app.CreateClientAs(DemoUsers.Instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Lifestyle, AttendanceSetup.TuesdayDate);
        var erik = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Erik");
        var doc = await client.GetDocumentAsync($"/instruktoer/traening/{sessionId}");
        var stale = doc.FormValues($"#p-{erik} form[action*='handler=Status']");
        var action = doc.QuerySelector($"#p-{erik} form[action*='handler=Status']")!.GetAttribute("action")!;

        // Meanwhile the coordinator, on another device, records that Erik sent notice.
        var other = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        (await other.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance", new object[] { new { enrolmentId = erik, status = "AbsentWithNotice" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        stale["Input.Status"] = "Absent";
        var response = await client.PostAsync(action, new FormUrlEncodedContent(stale), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadDocumentAsync()).QuerySelector($"#p-{erik} .form-error-message")!.TextContent.ShouldStartWith("Erik: fremmøde er registreret af en anden i mellemtiden.");
        (await app.Attendance(sessionId, erik))!.Status.ShouldBe(AttendanceStatus.AbsentWithNotice);
    }

    [Fact]
    public async Task Other_instructors_professionals_and_club_contacts_cannot_open_the_session()
    {
        var lifestyle = await app.SessionId(AttendanceSetup.Lifestyle, AttendanceSetup.TuesdayDate);
        (await (await app.CreateClientAs(DemoUsers.OtherInstructor)).GetAsync($"/instruktoer/traening/{lifestyle}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var user in new[] { DemoUsers.HealthProfessional, DemoUsers.Professional, DemoUsers.ClubContact })
        {
            var response = await (await app.CreateClientAs(user)).GetAsync($"/instruktoer/traening/{lifestyle}", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, user);
            response.Headers.Location!.AbsolutePath.ShouldBe("/konto/ingen-adgang");
        }

        var ole = await app.CreateClientAs(DemoUsers.OtherInstructor);
        var grethe = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Grethe");
        // A hand-made post to the other programme's session is refused the same way.
        var sundere = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var form = await ole.GetFormAsync($"/instruktoer/traening/{sundere}");
        var post = await ole.PostAsync($"/instruktoer/traening/{lifestyle}?handler=Status", new FormUrlEncodedContent(new Dictionary<string, string>(form)
        {
            ["Input.EnrolmentId"] = grethe.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Status"] = "Absent",
        }), Ct);
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Attendance(lifestyle, grethe)).ShouldBeNull();
    }

    [Fact]
    public async Task Wants_to_join_after_the_group_visit_creates_one_referral_at_visited_that_reaches_the_funnel()
    {
        var client = await app.CreateClientAs(DemoUsers.Instructor);
        var visit = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.Programme.Name == AttendanceSetup.Lifestyle && s.VisitTeamId != null).Select(s => new { s.Id, s.VisitTeamId }).SingleAsync(Ct));
        var candidate = await app.WithDb(db => db.Attendances.Where(a => a.SessionId == visit.Id && a.Status == AttendanceStatus.Present && a.JoinReferralId == null)
            .Select(a => new { a.EnrolmentId, a.Enrolment.CitizenId }).FirstAsync(Ct));
        var coordinator = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        var funnelBefore = await VisitedInFunnel(coordinator);

        var doc = await client.GetDocumentAsync($"/instruktoer/traening/{visit.Id}");
        var selector = $"#p-{candidate.EnrolmentId} form[action*='handler=Join']";
        var values = doc.FormValues(selector);
        var action = doc.QuerySelector(selector)!.GetAttribute("action")!;

        // The button pressed twice (a second tap, or the form sent again from the back button).
        (await client.PostAsync(action, new FormUrlEncodedContent(values), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostAsync(action, new FormUrlEncodedContent(values), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var referrals = await app.WithDb(db => db.Referrals.Include(r => r.History).Where(r => r.CitizenId == candidate.CitizenId && r.TeamId == visit.VisitTeamId).ToListAsync(Ct));
        var referral = referrals.ShouldHaveSingleItem();
        referral.Status.ShouldBe(ReferralStatus.Visited);
        referral.VisitMode.ShouldBe(VisitMode.WithProgrammeGroup);
        referral.History.ShouldHaveSingleItem().Reason.ShouldBe("Vil gerne være med efter gruppebesøg med Livsstilsholdet");
        var attendance = (await app.Attendance(visit.Id, candidate.EnrolmentId))!;
        (attendance.WantsToJoin, attendance.JoinReferralId).ShouldBe((true, (int?)referral.Id));
        (await VisitedInFunnel(coordinator)).ShouldBe(funnelBefore + 1);
        (await client.GetDocumentAsync($"/instruktoer/traening/{visit.Id}")).QuerySelector($"#p-{candidate.EnrolmentId} .att-joined")!.TextContent.ShouldContain("Stavgang for alle");
    }

    [Fact]
    public async Task Wants_to_join_moves_an_open_referral_to_the_team_on_to_visited_and_cancels_its_reminder()
    {
        var client = await app.CreateClientAs(DemoUsers.Instructor);
        var visit = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.Programme.Name == AttendanceSetup.Lifestyle && s.VisitTeamId != null).Select(s => new { s.Id, TeamId = s.VisitTeamId!.Value }).SingleAsync(Ct));
        var candidate = await app.WithDb(db => db.Attendances
            .Where(a => a.SessionId == visit.Id && a.Status == AttendanceStatus.Present && a.JoinReferralId == null
                && !db.Referrals.Any(r => r.CitizenId == a.Enrolment.CitizenId && r.TeamId == visit.TeamId && r.Status != ReferralStatus.Closed))
            .OrderByDescending(a => a.EnrolmentId)
            .Select(a => new { a.EnrolmentId, a.Enrolment.CitizenId }).FirstAsync(Ct));
        // The citizen takes reminders by SMS, so the referral below has a reminder waiting.
        await app.WithDb(async db =>
        {
            await db.Citizens.Where(c => c.Id == candidate.CitizenId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Phone, "30 40 50 61").SetProperty(c => c.PreferredChannel, ContactChannel.Sms), Ct);
            db.Consents.Add(new Consent { CitizenId = candidate.CitizenId, Purpose = ConsentPurpose.Reminders, Method = ConsentMethod.Verbal, GivenAtUtc = app.Clock.GetUtcNow().UtcDateTime, GivenBy = "Test" });
            return await db.SaveChangesAsync(Ct);
        });
        var coordinator = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        var open = (await coordinator.CreateReferralAsync(candidate.CitizenId, visit.TeamId)).GetProperty("id").GetInt32();
        (await app.WithDb(db => db.OutboxMessages.Where(m => m.ReferralId == open && m.Kind == MessageKind.VisitReminder).Select(m => m.Status).SingleAsync(Ct)))
            .ShouldBe(MessageStatus.Pending);

        var doc = await client.GetDocumentAsync($"/instruktoer/traening/{visit.Id}");
        var selector = $"#p-{candidate.EnrolmentId} form[action*='handler=Join']";
        (await client.PostAsync(doc.QuerySelector(selector)!.GetAttribute("action")!, new FormUrlEncodedContent(doc.FormValues(selector)), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var referral = (await app.WithDb(db => db.Referrals.Include(r => r.History).Where(r => r.CitizenId == candidate.CitizenId && r.TeamId == visit.TeamId).ToListAsync(Ct))).ShouldHaveSingleItem();
        referral.Id.ShouldBe(open);
        referral.Status.ShouldBe(ReferralStatus.Visited);
        referral.VisitMode.ShouldBe(VisitMode.Alone);
        referral.History.OrderBy(h => h.Id).Select(h => (h.From, h.To)).ShouldBe([(null, ReferralStatus.Referred), (ReferralStatus.Referred, ReferralStatus.Visited)]);
        (await app.Attendance(visit.Id, candidate.EnrolmentId))!.JoinReferralId.ShouldBe(open);
        var reminder = await app.WithDb(db => db.OutboxMessages.Where(m => m.ReferralId == open && m.Kind == MessageKind.VisitReminder).SingleAsync(Ct));
        reminder.Status.ShouldBe(MessageStatus.Cancelled, "the visit has happened: the reminder would be wrong");
    }

    private static async Task<int> VisitedInFunnel(HttpClient coordinator)
    {
        var funnel = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/reports/funnel", Ct);
        return funnel.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "Visited").GetProperty("count").GetInt32();
    }
}
