using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>GET /api/v1/programmes, /api/v1/programmes/{id}/sessions and /api/v1/programmes/{id}/evaluation.</summary>
public class ProgrammesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static double? Number(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();

    [Fact]
    public async Task The_evaluation_has_the_hand_computed_attendance_and_ratings_per_session_and_week()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var api = await app.CreateBearerClientAs(DemoUsers.FuresoeProfessional);

        var e = await Json(await api.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/evaluation", Ct));

        e.GetProperty("from").GetString().ShouldBe("2026-10-26"); // the programme's start (within 12 weeks)
        e.GetProperty("to").GetString().ShouldBe("2026-11-16");
        e.GetProperty("sessionsHeld").GetInt32().ShouldBe(4);
        e.GetProperty("participants").GetInt32().ShouldBe(3);
        e.GetProperty("recorded").GetInt32().ShouldBe(8);
        e.GetProperty("present").GetInt32().ShouldBe(6);
        Number(e, "attendanceRate").ShouldBe(0.75);
        Number(e, "averageRating").ShouldBe(3.67); // 22 / 6
        e.GetProperty("ratings").GetInt32().ShouldBe(6);
        Number(e, "averageMood").ShouldBe(3.5);

        var sessions = e.GetProperty("sessions").EnumerateArray().ToList();
        sessions.Select(s => s.GetProperty("sessionId").GetInt32()).ShouldBe(p.Sessions[..5]);
        sessions[2].GetProperty("cancelled").GetBoolean().ShouldBeTrue();
        sessions[2].GetProperty("recorded").GetInt32().ShouldBe(0);
        var s4 = sessions[3];
        s4.GetProperty("topic").GetString().ShouldBe("Kost");
        s4.GetProperty("enrolled").GetInt32().ShouldBe(3);
        s4.GetProperty("present").GetInt32().ShouldBe(2);
        s4.GetProperty("absent").GetInt32().ShouldBe(1);
        Number(s4, "attendanceRate").ShouldBe(0.6667);
        Number(s4, "averageRating").ShouldBe(3.5);
        Number(sessions[0], "averageMood").ShouldBe(2.5);
        Number(sessions[1], "attendanceRate").ShouldBe(0.5);
        sessions[1].GetProperty("absentWithNotice").GetInt32().ShouldBe(1);

        var weeks = e.GetProperty("weeks").EnumerateArray().ToList();
        weeks.Select(w => w.GetProperty("week").GetInt32()).ShouldBe([44, 45, 46]);
        weeks.Select(w => Number(w, "averageRating")).ShouldBe([3.67, 3.5, 4.0]);
        weeks.Select(w => Number(w, "attendanceRate")).ShouldBe([0.75, 0.6667, 1.0]);

        var reasons = e.GetProperty("reasons").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("reason").GetString()).ShouldBe(["Bedste gang til nu.", "Rart hold.", "Helt okay.", "Godt at komme i gang.", "For hårdt."]);
        var raw = await (await api.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/evaluation", Ct)).Content.ReadAsStringAsync(Ct);
        raw.ShouldNotContain("Anna");
        raw.ShouldNotContain(p.Surname);
    }

    [Fact]
    public async Task Sessions_list_each_enrolled_participant_with_their_record_and_instructors_get_first_names_only()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateBearerClientAs(DemoUsers.FuresoeProfessional);

        var body = await Json(await malene.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/sessions?from=2026-11-05&to=2026-11-17", Ct));
        var sessions = body.GetProperty("sessions").EnumerateArray().ToList();
        sessions.Select(s => s.GetProperty("id").GetInt32()).ShouldBe([p.Sessions[3], p.Sessions[4], p.Sessions[5]]);
        var kost = sessions[0].GetProperty("attendance").EnumerateArray().ToList();
        kost.Select(a => a.GetProperty("firstName").GetString()).ShouldBe(["Anna", "Bent", "Cecilie"]);
        kost.Select(a => a.GetProperty("status").GetString()).ShouldBe(["Absent", "Present", "Present"]);
        kost[2].GetProperty("checkOutReason").GetString().ShouldBe("Rart hold.");
        kost[2].GetProperty("lastName").GetString().ShouldBe(p.Surname);
        // 10/11: Bent has ended; Cecilie is enrolled but nothing is recorded for her.
        var tenth = sessions[1].GetProperty("attendance").EnumerateArray().ToList();
        tenth.Select(a => a.GetProperty("firstName").GetString()).ShouldBe(["Anna", "Cecilie"]);
        tenth[1].GetProperty("status").ValueKind.ShouldBe(JsonValueKind.Null);

        var ole = await app.CreateBearerClientAs(DemoUsers.OtherInstructor);
        var asInstructor = await Json(await ole.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/sessions?from=2026-11-05&to=2026-11-05", Ct));
        var rows = asInstructor.GetProperty("sessions")[0].GetProperty("attendance").EnumerateArray().ToList();
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(a => a.GetProperty("lastName").ValueKind == JsonValueKind.Null);
        (await (await ole.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/sessions?from=2026-11-05&to=2026-11-05", Ct)).Content.ReadAsStringAsync(Ct)).ShouldNotContain(p.Surname);

        var log = await app.WithDb(db => db.AccessLog.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync(Ct));
        log.View.ShouldBe("API: forløbets træninger");
        log.UserName.ShouldBe("Ole Instruktør");
        log.ResultCount.ShouldBe(3);
    }

    [Fact]
    public async Task The_programme_list_holds_only_the_programmes_the_user_may_see()
    {
        var p = await ProgressionProgramme.CreateAsync(app);

        async Task<List<string>> Names(string email) =>
            [.. (await Json(await (await app.CreateBearerClientAs(email)).GetAsync("/api/v1/programmes", Ct))).EnumerateArray().Select(x => x.GetProperty("name").GetString()!)];

        var malene = await Names(DemoUsers.FuresoeProfessional);
        malene.ShouldContain("Sundere sammen");
        malene.ShouldContain(p.Name);
        malene.ShouldNotContain("Livsstilsholdet");
        (await Names(DemoUsers.HealthProfessional)).ShouldBe(["Livsstilsholdet"]);
        (await Names(DemoUsers.Professional)).ShouldBeEmpty();
        var ida = await Names(DemoUsers.Instructor);
        ida.ShouldBe(["Livsstilsholdet", "Sundere sammen"], ignoreOrder: true);
        (await Names(DemoUsers.OtherInstructor)).ShouldContain(p.Name);
        (await Names(DemoUsers.FuresoeCoordinator)).ShouldContain(p.Name);
        (await Names(DemoUsers.FuresoeCoordinator)).ShouldNotContain("Livsstilsholdet");
        (await Names(DemoUsers.Coordinator)).ShouldNotContain(p.Name); // another municipality's (ADR 0013)

        var sundere = (await Json(await (await app.CreateBearerClientAs(DemoUsers.FuresoeProfessional)).GetAsync("/api/v1/programmes", Ct)))
            .EnumerateArray().Single(x => x.GetProperty("name").GetString() == "Sundere sammen");
        sundere.GetProperty("weeks").ValueKind.ShouldBe(JsonValueKind.Null);
        sundere.GetProperty("participants").GetInt32().ShouldBe(10); // 12, of whom Lone and Mads moved on
        sundere.GetProperty("schedule").EnumerateArray().Select(s => s.GetProperty("weekday").GetString()).ShouldBe(["Tuesday", "Thursday"]);

        var club = await app.CreateBearerClientAs(DemoUsers.ClubContact);
        (await club.GetAsync("/api/v1/programmes", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateAnonymousClient().GetAsync("/api/v1/programmes", Ct)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("sessions?from=2026-13-01", "from")]
    [InlineData("sessions?from=16-11-2026", "from")]
    [InlineData("sessions?to=i+morgen", "to")]
    [InlineData("sessions?from=2026-11-20&to=2026-11-01", "to")]
    [InlineData("sessions?from=2025-01-01&to=2026-11-01", "to")]
    [InlineData("evaluation?from=2026-02-30", "from")]
    [InlineData("evaluation?from=2026-11-10&to=2026-11-01", "to")]
    [InlineData("evaluation?from=2027-01-01", "from")]
    public async Task Bad_dates_are_a_400_naming_the_parameter(string query, string field)
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var api = await app.CreateBearerClientAs(DemoUsers.FuresoeProfessional);
        var message = await (await api.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/{query}", Ct)).FieldError(field);
        message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Unknown_invisible_and_malformed_ids_are_404_404_and_400()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateBearerClientAs(DemoUsers.FuresoeProfessional);
        var jonas = await app.CreateBearerClientAs(DemoUsers.Professional);
        var ida = await app.CreateBearerClientAs(DemoUsers.Instructor);

        foreach (var tail in new[] { "sessions", "evaluation" })
        {
            var unknown = await malene.GetAsync($"/api/v1/programmes/999999/{tail}", Ct);
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await unknown.Problem()).GetProperty("detail").GetString().ShouldBe("Forløbet findes ikke.");
            (await jonas.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/{tail}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await ida.GetAsync($"/api/v1/programmes/{p.ProgrammeId}/{tail}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await (await malene.GetAsync($"/api/v1/programmes/abc/{tail}", Ct)).FieldError("id")).ShouldBe("Id skal være et positivt heltal.");
            (await malene.GetAsync($"/api/v1/programmes/0/{tail}", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
    }
}
