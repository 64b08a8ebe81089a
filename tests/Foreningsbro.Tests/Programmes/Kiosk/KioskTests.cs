using System.Globalization;
using System.Net;
using System.Net.Http.Json;

using AngleSharp.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;

namespace Foreningsbro.Tests.Programmes;

public class KioskTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public KioskTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs in as the instructor and starts the kiosk for today's "Sundere sammen": the client is then the tablet.</summary>
    internal static async Task<(HttpClient Tablet, int SessionId)> StartKioskAsync(AppFactory app, string instructor = DemoUsers.Instructor)
    {
        var client = await app.CreateClientAs(instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var response = await client.PostSessionFormAsync(sessionId, "Kiosk");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/kiosk");
        return (client, sessionId);
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient tablet, int enrolmentId, Dictionary<string, string> answers)
    {
        var url = $"/kiosk/deltager/{enrolmentId}";
        return await tablet.PostFormAsync(url, await tablet.GetFormAsync(url), answers);
    }

    [Fact]
    public async Task Starting_the_kiosk_signs_the_instructor_out_and_the_tablet_reaches_only_the_kiosk()
    {
        var (tablet, _) = await StartKioskAsync(app);

        var names = await tablet.GetDocumentAsync("/kiosk");
        names.QuerySelectorAll(".kiosk-name").Select(n => n.ChildNodes[0].TextContent.Trim()).ShouldContain("Per");
        names.QuerySelector("main")!.TextContent.ShouldNotContain("Kjær");

        foreach (var path in new[] { "/", "/instruktoer", "/forloeb", "/borgere", "/hold", "/konto/log-ind", "/rapporter/tragt" })
        {
            var response = await tablet.GetAsync(path, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldBe("/kiosk", path);
        }

        (await tablet.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tablet.GetAsync("/api/v1/teams", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var per = await app.EnrolmentId(AttendanceSetup.Sundere, "Per");
        var put = await tablet.PutAsJsonAsync($"/api/v1/sessions/{await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate)}/attendance",
            new object[] { new { enrolmentId = per, checkIn = new { mood = 1 } } }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_participant_checks_in_and_out_and_no_one_sees_anyone_elses_answers()
    {
        var (tablet, sessionId) = await StartKioskAsync(app);
        var mette = await app.EnrolmentId(AttendanceSetup.Sundere, "Mette");
        var kim = await app.EnrolmentId(AttendanceSetup.Sundere, "Kim");

        var checkIn = await AnswerAsync(tablet, mette, new() { ["Input.Mood"] = "2", ["Input.Word"] = "søvnløs" });
        checkIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        checkIn.Headers.Location!.ToString().ShouldBe("/kiosk");
        (await tablet.GetDocumentAsync("/kiosk")).QuerySelector("[role=status]")!.TextContent.ShouldContain("Tak, Mette! Dit svar er gemt.");

        // Next, check-out: the form is blank, not showing the check-in.
        var checkOutPage = await tablet.GetDocumentAsync($"/kiosk/deltager/{mette}");
        checkOutPage.QuerySelector("legend")!.TextContent.ShouldBe("Hvordan var træningen i dag?");
        checkOutPage.QuerySelector("main")!.TextContent.ShouldNotContain("søvnløs");
        checkOutPage.QuerySelectorAll("input[type=radio][checked]").ShouldBeEmpty();
        (await AnswerAsync(tablet, mette, new() { ["Input.Rating"] = "5", ["Input.Reason"] = "Jeg glemte alt om søvnen." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var row = (await app.Attendance(sessionId, mette))!;
        (row.Status, row.CheckInMood, row.CheckInWord, row.CheckOutRating, row.CheckOutReason).ShouldBe((AttendanceStatus.Present, (int?)2, "søvnløs", (int?)5, "Jeg glemte alt om søvnen."));
        row.RecordedBy.ShouldBe("Kiosk (Ida Instruktør)");

        // Whoever taps Mette's name or another's sees none of her answers.
        foreach (var url in new[] { "/kiosk", $"/kiosk/deltager/{mette}", $"/kiosk/deltager/{kim}" })
        {
            var text = (await tablet.GetDocumentAsync(url)).QuerySelector("main")!.TextContent;
            text.ShouldNotContain("søvnløs", customMessage: url);
            text.ShouldNotContain("glemte alt", customMessage: url);
        }
    }

    [Fact]
    public async Task A_check_in_without_a_face_asks_for_one_and_keeps_the_word()
    {
        var (tablet, sessionId) = await StartKioskAsync(app);
        var jens = await app.EnrolmentId(AttendanceSetup.Sundere, "Jens");

        var response = await AnswerAsync(tablet, jens, new() { ["Input.Word"] = "glad" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("fieldset.form-error .form-error-message")!.TextContent.ShouldBe("Vælg det ansigt, der passer på, hvordan du har det.");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Word")!.Value.ShouldBe("glad");
        (await app.Attendance(sessionId, jens)).ShouldBeNull();

        var outOfRange = await AnswerAsync(tablet, jens, new() { ["Input.Mood"] = "9" });
        (await outOfRange.ReadDocumentAsync()).QuerySelector("fieldset.form-error .form-error-message")!.TextContent.ShouldBe("Humøret skal være et tal fra 1 til 5.");
        (await app.Attendance(sessionId, jens)).ShouldBeNull();
    }

    [Fact]
    public async Task The_kiosk_is_limited_to_its_own_session_participants()
    {
        var (tablet, _) = await StartKioskAsync(app);
        var grethe = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Grethe");
        var lone = await app.EnrolmentId(AttendanceSetup.Sundere, "Lone");

        foreach (var id in new[] { grethe, lone, 999999 })
        {
            var response = await tablet.GetAsync($"/kiosk/deltager/{id}", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().ShouldBe("/kiosk");
        }

        // Without a kiosk there is no kiosk: an anonymous browser is sent to the instructor's login.
        var anonymous = await app.CreateAnonymousClient().GetAsync("/kiosk", Ct);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.AbsolutePath.ShouldBe("/instruktoer");
    }

    [Fact]
    public async Task Leaving_the_kiosk_needs_the_pin_and_signs_the_instructor_back_in()
    {
        var (tablet, sessionId) = await StartKioskAsync(app);

        var wrong = await tablet.PostFormAsync("/kiosk/afslut", await tablet.GetFormAsync("/kiosk/afslut"), new() { ["Input.Pin"] = "1111" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.ReadDocumentAsync()).QuerySelector(".form-error-message")!.TextContent.ShouldBe("Forkert PIN. 4 forsøg tilbage.");
        (await tablet.GetAsync("/instruktoer", Ct)).Headers.Location!.ToString().ShouldBe("/kiosk");

        var right = await tablet.PostFormAsync("/kiosk/afslut", await tablet.GetFormAsync("/kiosk/afslut"), new() { ["Input.Pin"] = DemoData.KioskPin });
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().ShouldBe($"/instruktoer/traening/{sessionId}");
        (await tablet.GetDocumentAsync($"/instruktoer/traening/{sessionId}")).QuerySelector(".site-user-name")!.TextContent.ShouldBe("Ida Instruktør");
        (await tablet.GetAsync("/kiosk", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_kiosk_starts_only_for_todays_session_and_only_for_its_instructors()
    {
        var ida = await app.CreateClientAs(DemoUsers.Instructor);
        var thursday = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate.AddDays(2));
        var form = await ida.GetFormAsync($"/instruktoer/traening/{thursday}");

        var response = await ida.PostAsync($"/instruktoer/traening/{thursday}?handler=Kiosk", new FormUrlEncodedContent(form), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).QuerySelector("#kiosk-message")!.TextContent.Trim().ShouldBe("Kiosken kan kun startes for dagens træning.");
        (await ida.GetAsync("/instruktoer", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // still signed in

        var coordinator = await app.CreateClientAs(DemoUsers.FuresoeCoordinator); // Sundere sammen is Furesø's
        var today = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var coordinatorForm = await coordinator.GetFormAsync($"/instruktoer/traening/{today}");
        var refused = await coordinator.PostAsync($"/instruktoer/traening/{today}?handler=Kiosk", new FormUrlEncodedContent(coordinatorForm), Ct);
        (await refused.ReadDocumentAsync()).QuerySelector("#kiosk-message")!.TextContent.Trim().ShouldBe("Kun forløbets instruktører kan starte kiosken.");
    }

    [Fact]
    public async Task Setting_a_pin_needs_four_to_eight_digits_twice()
    {
        var ole = await app.CreateClientAs(DemoUsers.OtherInstructor);
        var form = await ole.GetFormAsync("/instruktoer/pin");

        var bad = await ole.PostFormAsync("/instruktoer/pin", form, new() { ["Input.Pin"] = "12a", ["Input.Repeat"] = "12a" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.ReadDocumentAsync()).FieldError("Input_Pin").ShouldBe("PIN skal være 4 til 8 cifre (kun tal).");
        var different = await ole.PostFormAsync("/instruktoer/pin", form, new() { ["Input.Pin"] = "13579", ["Input.Repeat"] = "13578" });
        (await different.ReadDocumentAsync()).FieldError("Input_Repeat").ShouldBe("De to PIN-koder er ikke ens.");

        var ok = await ole.PostFormAsync("/instruktoer/pin", form, new() { ["Input.Pin"] = "13579", ["Input.Repeat"] = "13579" });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hash = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == DemoUsers.OtherInstructor).Select(u => u.KioskPinHash), Ct));
        hash.ShouldNotBeNull();
        hash.ShouldNotContain("13579");
    }
}

/// <summary>Its own app: locking Ole out would make the other kiosk tests depend on their order.</summary>
public class KioskLockoutTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public KioskLockoutTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_wrong_pins_lock_the_kiosk_exit()
    {
        var (tablet, _) = await KioskTests.StartKioskAsync(app, DemoUsers.OtherInstructor);
        for (var i = 0; i < 5; i++)
        {
            (await tablet.PostFormAsync("/kiosk/afslut", await tablet.GetFormAsync("/kiosk/afslut"), new() { ["Input.Pin"] = (1000 + i).ToString(CultureInfo.InvariantCulture) }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var right = await tablet.PostFormAsync("/kiosk/afslut", await tablet.GetFormAsync("/kiosk/afslut"), new() { ["Input.Pin"] = DemoData.KioskPin });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.ReadDocumentAsync()).QuerySelector(".form-error-message")!.TextContent.ShouldStartWith("For mange forkerte forsøg.");
        (await tablet.GetAsync("/instruktoer", Ct)).Headers.Location!.ToString().ShouldBe("/kiosk");
    }

    [Fact]
    public async Task Wrong_pins_at_the_tablet_do_not_lock_the_instructors_account()
    {
        var (tablet, _) = await KioskTests.StartKioskAsync(app, DemoUsers.Instructor);
        for (var i = 0; i < 6; i++)
        {
            await tablet.PostFormAsync("/kiosk/afslut", await tablet.GetFormAsync("/kiosk/afslut"), new() { ["Input.Pin"] = (2000 + i).ToString(CultureInfo.InvariantCulture) });
        }

        var ida = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == DemoUsers.Instructor), Ct));
        ida.AccessFailedCount.ShouldBe(0);
        ida.LockoutEnd.ShouldBeNull();
        ida.KioskPinLockedUntilUtc.ShouldNotBeNull();
        // Ida signs in with her password on her own phone, though the tablet's PIN is locked.
        (await (await app.CreateClientAs(DemoUsers.Instructor)).GetAsync("/instruktoer", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>Its own app: it moves the clock past midnight.</summary>
public class KioskExpiryTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public KioskExpiryTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    [Fact]
    public async Task The_kiosk_ends_at_midnight()
    {
        var client = await app.CreateClientAs(DemoUsers.Instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        (await client.PostSessionFormAsync(sessionId, "Kiosk")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/kiosk", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 17, 23, 5, 0, TimeSpan.Zero)); // 00:05 Wednesday in Denmark

        var response = await client.GetAsync("/kiosk", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/instruktoer");
    }
}
