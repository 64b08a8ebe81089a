using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

public class AttendanceApiTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public AttendanceApiTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, int SessionId)> IdaOnTodaysSundere() =>
        (await app.CreateBearerClientAs(DemoUsers.Instructor), await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate));

    [Fact]
    public async Task An_instructor_records_attendance_check_in_and_check_out_and_gets_first_names_back()
    {
        var (client, sessionId) = await IdaOnTodaysSundere();
        var per = await app.EnrolmentId(AttendanceSetup.Sundere, "Per");
        var torben = await app.EnrolmentId(AttendanceSetup.Sundere, "Torben");
        var accessLog = await app.WithDb(db => db.AccessLog.CountAsync(Ct));

        var response = await client.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance", new object[]
        {
            new { enrolmentId = per, status = "Present", checkIn = new { mood = 4, word = "frisk" }, checkOut = new { rating = 5, reason = "Godt at grine sammen." } },
            new { enrolmentId = torben, status = "AbsentWithNotice" },
        }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var rows = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var perRow = rows.EnumerateArray().Single(r => r.GetProperty("enrolmentId").GetInt32() == per);
        perRow.GetProperty("firstName").GetString().ShouldBe("Per");
        perRow.GetProperty("rating").GetInt32().ShouldBe(5);
        rows.GetRawText().ShouldNotContain("Kjær"); // first names only
        var saved = (await app.Attendance(sessionId, per))!;
        (saved.Status, saved.CheckInMood, saved.CheckInWord, saved.CheckOutRating, saved.CheckOutReason, saved.RecordedBy)
            .ShouldBe((AttendanceStatus.Present, (int?)4, "frisk", (int?)5, "Godt at grine sammen.", "Ida Instruktør"));
        (await app.Attendance(sessionId, torben))!.Status.ShouldBe(AttendanceStatus.AbsentWithNotice);
        (await app.WithDb(db => db.AccessLog.CountAsync(Ct))).ShouldBe(accessLog + 1);
    }

    [Theory]
    [InlineData(0, 3, "[1].checkIn.mood", "Humøret skal være et tal fra 1 til 5.")]
    [InlineData(6, 3, "[1].checkIn.mood", "Humøret skal være et tal fra 1 til 5.")]
    [InlineData(3, 0, "[1].checkOut.rating", "Vurderingen skal være et tal fra 1 til 5.")]
    [InlineData(3, 6, "[1].checkOut.rating", "Vurderingen skal være et tal fra 1 til 5.")]
    public async Task Scores_outside_one_to_five_are_refused_naming_the_field_and_nothing_is_saved(int mood, int rating, string field, string message)
    {
        var (client, sessionId) = await IdaOnTodaysSundere();
        var sara = await app.EnrolmentId(AttendanceSetup.Sundere, "Sara");
        var ali = await app.EnrolmentId(AttendanceSetup.Sundere, "Ali");
        var before = await app.AttendanceCount(sessionId);

        var response = await client.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance", new object[]
        {
            new { enrolmentId = sara, status = "Present" },
            new { enrolmentId = ali, checkIn = new { mood }, checkOut = new { rating } },
        }, Ct);

        (await response.FieldError(field)).ShouldBe(message);
        (await app.AttendanceCount(sessionId)).ShouldBe(before);
        (await app.Attendance(sessionId, sara)).ShouldBeNull();
    }

    [Fact]
    public async Task Someone_not_enrolled_on_the_date_or_on_another_programme_is_refused_and_nothing_is_saved()
    {
        var (client, sessionId) = await IdaOnTodaysSundere();
        var mette = await app.EnrolmentId(AttendanceSetup.Sundere, "Mette");
        var lone = await app.EnrolmentId(AttendanceSetup.Sundere, "Lone"); // moved on to the volleyball club weeks ago
        var grethe = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Grethe");
        var url = $"/api/v1/sessions/{sessionId}/attendance";

        var ended = await client.PutAsJsonAsync(url, new object[] { new { enrolmentId = mette, status = "Present" }, new { enrolmentId = lone, status = "Present" } }, Ct);
        (await ended.FieldError("[1].enrolmentId")).ShouldBe("Lone var ikke tilmeldt forløbet på træningens dato.");

        var other = await client.PutAsJsonAsync(url, new object[] { new { enrolmentId = mette, status = "Present" }, new { enrolmentId = grethe, status = "Present" } }, Ct);
        (await other.FieldError("[1].enrolmentId")).ShouldBe("Deltageren hører til et andet forløb end denne træning.");

        var unknown = await client.PutAsJsonAsync(url, new object[] { new { enrolmentId = 987654, status = "Present" } }, Ct);
        (await unknown.FieldError("[0].enrolmentId")).ShouldBe("Deltageren findes ikke.");

        var status = await client.PutAsJsonAsync(url, new object[] { new { enrolmentId = mette, status = "Sovende" } }, Ct);
        (await status.FieldError("[0].status")).ShouldStartWith("Ukendt fremmøde");

        (await app.Attendance(sessionId, mette)).ShouldBeNull();
    }

    [Fact]
    public async Task A_cancelled_session_cannot_be_recorded_and_nothing_is_saved()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Instructor);
        var cancelled = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.Cancelled && s.Programme.Name == AttendanceSetup.Sundere).Select(s => s.Id).FirstAsync(Ct));
        var per = await app.EnrolmentId(AttendanceSetup.Sundere, "Per");

        var response = await client.PutAsJsonAsync($"/api/v1/sessions/{cancelled}/attendance", new object[] { new { enrolmentId = per, status = "Present" } }, Ct);

        (await response.FieldError("sessionId")).ShouldStartWith("Træningen er aflyst.");
        (await app.AttendanceCount(cancelled)).ShouldBe(0);
    }

    [Fact]
    public async Task A_future_session_takes_notice_of_absence_but_not_presence()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Instructor);
        var thursday = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate.AddDays(2));
        var kim = await app.EnrolmentId(AttendanceSetup.Sundere, "Kim");
        var url = $"/api/v1/sessions/{thursday}/attendance";

        (await (await client.PutAsJsonAsync(url, new object[] { new { enrolmentId = kim, status = "Present" } }, Ct)).FieldError("[0].status"))
            .ShouldStartWith("Træningen er ikke begyndt endnu.");
        (await client.PutAsJsonAsync(url, new object[] { new { enrolmentId = kim, status = "AbsentWithNotice" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Attendance(thursday, kim))!.Status.ShouldBe(AttendanceStatus.AbsentWithNotice);
    }

    [Fact]
    public async Task Unknown_sessions_are_404_and_malformed_ids_and_empty_bodies_400()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Instructor);
        var per = await app.EnrolmentId(AttendanceSetup.Sundere, "Per");
        var body = new object[] { new { enrolmentId = per, status = "Present" } };

        var unknown = await client.PutAsJsonAsync("/api/v1/sessions/999999/attendance", body, Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Problem()).GetProperty("detail").GetString().ShouldBe("Træningen findes ikke.");
        (await (await client.PutAsJsonAsync("/api/v1/sessions/abc/attendance", body, Ct)).FieldError("id")).ShouldBe("Id skal være et positivt heltal.");
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        (await (await client.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance", Array.Empty<object>(), Ct)).FieldError("entries")).ShouldBe("Send en liste med mindst én deltager.");
    }

    [Fact]
    public async Task Only_the_programmes_instructors_and_coordinators_record()
    {
        var lifestyle = await app.SessionId(AttendanceSetup.Lifestyle, AttendanceSetup.TuesdayDate);
        var grethe = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Grethe");
        var body = new object[] { new { enrolmentId = grethe, status = "Present" } };
        var url = $"/api/v1/sessions/{lifestyle}/attendance";

        // Ole instructs "Sundere sammen" only: Livsstilsholdet does not exist for him.
        (await (await app.CreateBearerClientAs(DemoUsers.OtherInstructor)).PutAsJsonAsync(url, body, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.CreateBearerClientAs(DemoUsers.HealthProfessional)).PutAsJsonAsync(url, body, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateBearerClientAs(DemoUsers.Professional)).PutAsJsonAsync(url, body, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateBearerClientAs(DemoUsers.ClubContact)).PutAsJsonAsync(url, body, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateAnonymousClient().PutAsJsonAsync(url, body, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Attendance(lifestyle, grethe)).ShouldBeNull();

        (await (await app.CreateBearerClientAs(DemoUsers.Coordinator)).PutAsJsonAsync(url, body, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Attendance(lifestyle, grethe))!.RecordedBy.ShouldBe("Karin Koordinator");
    }

    [Fact]
    public async Task Two_devices_writing_different_fields_of_the_same_participant_keep_both()
    {
        var (ida, sessionId) = await IdaOnTodaysSundere();
        var ole = await app.CreateBearerClientAs(DemoUsers.OtherInstructor);
        var yasmin = await app.EnrolmentId(AttendanceSetup.Sundere, "Yasmin");
        var url = $"/api/v1/sessions/{sessionId}/attendance";

        // Both saw nothing recorded for Yasmin and send at the same moment.
        var responses = await Task.WhenAll(
            ida.PutAsJsonAsync(url, new object[] { new { enrolmentId = yasmin, status = "Present", checkIn = new { mood = 2, word = "træt" } } }, Ct),
            ole.PutAsJsonAsync(url, new object[] { new { enrolmentId = yasmin, checkOut = new { rating = 4, reason = "Bedre end ventet." } } }, Ct));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        var row = (await app.Attendance(sessionId, yasmin))!;
        (row.Status, row.CheckInMood, row.CheckInWord, row.CheckOutRating, row.CheckOutReason).ShouldBe((AttendanceStatus.Present, (int?)2, "træt", (int?)4, "Bedre end ventet."));
    }

    [Fact]
    public async Task Many_participants_recorded_from_two_devices_at_once_are_all_kept()
    {
        var (ida, sessionId) = await IdaOnTodaysSundere();
        var ole = await app.CreateBearerClientAs(DemoUsers.OtherInstructor);
        var url = $"/api/v1/sessions/{sessionId}/attendance";
        var names = new[] { "Birgit", "Kim", "Jens" };
        var ids = new List<int>();
        foreach (var n in names)
        {
            ids.Add(await app.EnrolmentId(AttendanceSetup.Sundere, n));
        }

        // Ida takes the check-ins, Ole the check-outs, participant by participant, interleaved.
        var work = ids.SelectMany((id, i) => new[]
        {
            ida.PutAsJsonAsync(url, new object[] { new { enrolmentId = id, status = "Present", checkIn = new { mood = 1 + i } } }, Ct),
            ole.PutAsJsonAsync(url, new object[] { new { enrolmentId = id, checkOut = new { rating = 5 - i } } }, Ct),
        });
        var responses = await Task.WhenAll(work);

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        for (var i = 0; i < ids.Count; i++)
        {
            var row = (await app.Attendance(sessionId, ids[i]))!;
            (row.CheckInMood, row.CheckOutRating).ShouldBe(((int?)(1 + i), (int?)(5 - i)), names[i]);
        }
    }

    [Fact]
    public async Task A_field_someone_else_changed_meanwhile_is_a_409_and_not_overwritten()
    {
        var (ida, sessionId) = await IdaOnTodaysSundere();
        var ole = await app.CreateBearerClientAs(DemoUsers.OtherInstructor);
        var nadia = await app.EnrolmentId(AttendanceSetup.Sundere, "Nadia");
        var url = $"/api/v1/sessions/{sessionId}/attendance";
        (await ida.PutAsJsonAsync(url, new object[] { new { enrolmentId = nadia, checkIn = new { mood = 4 } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Ole's screen showed no check-in for Nadia when he chose 2.
        var clash = await ole.PutAsJsonAsync(url, new object[] { new { enrolmentId = nadia, checkIn = new { mood = 2 } } }, Ct);
        clash.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await clash.Problem()).GetProperty("detail").GetString()!.ShouldStartWith("Nadia: check-in er registreret af en anden i mellemtiden.");
        (await app.Attendance(sessionId, nadia))!.CheckInMood.ShouldBe(4);

        // Having seen Ida's 4, he may change it.
        var changed = await ole.PutAsJsonAsync(url, new object[] { new { enrolmentId = nadia, checkIn = new { mood = 2 }, previous = new { mood = 4 } } }, Ct);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync(Ct));
        (await app.Attendance(sessionId, nadia))!.CheckInMood.ShouldBe(2);
    }

    [Fact]
    public async Task Absence_is_refused_for_someone_who_has_checked_in()
    {
        var (ida, sessionId) = await IdaOnTodaysSundere();
        var ali = await app.EnrolmentId(AttendanceSetup.Sundere, "Ali");
        var url = $"/api/v1/sessions/{sessionId}/attendance";
        (await ida.PutAsJsonAsync(url, new object[] { new { enrolmentId = ali, checkIn = new { mood = 3 } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await ida.PutAsJsonAsync(url, new object[] { new { enrolmentId = ali, status = "Absent", previous = new { status = "Present", mood = 3 } } }, Ct);

        (await response.FieldError("[0].status")).ShouldStartWith("Ali har tjekket ind eller ud");
        (await app.Attendance(sessionId, ali))!.Status.ShouldBe(AttendanceStatus.Present);
    }

    [Fact]
    public async Task A_check_in_for_someone_recorded_as_absent_asks_to_mark_them_present_first()
    {
        var ida = await app.CreateBearerClientAs(DemoUsers.Instructor);
        var absent = await app.WithDb(db => db.Attendances
            .Where(a => a.Status == AttendanceStatus.Absent && a.Enrolment.Programme.Name == AttendanceSetup.Sundere)
            .Select(a => new { a.SessionId, a.EnrolmentId, a.Enrolment.Citizen.FirstName }).FirstAsync(Ct));

        var response = await ida.PutAsJsonAsync($"/api/v1/sessions/{absent.SessionId}/attendance", new object[] { new { absent.EnrolmentId, checkIn = new { mood = 3 } } }, Ct);

        (await response.FieldError("[0]")).ShouldBe($"{absent.FirstName} er registreret som fraværende. Markér {absent.FirstName} som mødt før check-in og check-ud.");
        (await app.Attendance(absent.SessionId, absent.EnrolmentId))!.CheckInMood.ShouldBeNull();
    }
}
