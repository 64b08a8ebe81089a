using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Security;

/// <summary>
/// The matrix's app: eleven personas ask the token endpoint within a minute from one address, one more
/// than its limit (10 a minute per address, tested on its own); the limit is raised so each gets its answer.
/// </summary>
public sealed class MatrixAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:TokenRequestsPerMinute", "30");
    }
}

/// <summary>
/// Every route of the inventory × eleven personas, sent for real against the demo data, compared with
/// the reviewed table in authorization-matrix.md. Beyond the table it asserts what must hold whatever
/// the table says: no 5xx; no 2xx where the endpoint's policy refuses the persona's role; no citizen's
/// name in a 2xx answer to someone outside that citizen's scope; and a refused write leaves every row
/// of every table as it was. FORENINGSBRO_WRITE_MATRIX=1 rewrites the table from what the app answered
/// (review the diff cell by cell before committing it). See docs/adr/0010-access-rules.md.
/// </summary>
public class AuthorizationMatrixTests(MatrixAppFactory app) : IClassFixture<MatrixAppFactory>
{
    public const string TableFile = "tests/Foreningsbro.Tests/Security/authorization-matrix.md";

    public enum Persona { Anonymous, Coordinator, ProfOwn, ProfOther, ClubOwn, ClubOther, InstrOwn, InstrOther, CoordOtherMunicipality, ProfOtherMunicipality, NationalAdmin }

    /// <summary>The table's columns, in <see cref="Persona"/> order.</summary>
    public static readonly string[] Columns = ["anonymous", "coordinator", "prof-own", "prof-other", "club-own", "club-other", "instr-own", "instr-other", "coord-muni2", "prof-muni2", "natl-admin"];

    /// <summary>The personas of another municipality (Furesø) and the national administrator: none of them may reach Høje-Taastrup's personal data.</summary>
    public static readonly Persona[] OutsideTheMunicipality = [Persona.CoordOtherMunicipality, Persona.ProfOtherMunicipality, Persona.NationalAdmin];

    /// <summary>
    /// The order cells of one row are sent in: the personas who should be refused first, the owners and
    /// the coordinator last, so an allowed write cannot change what a refused one meets.
    /// </summary>
    private static readonly Persona[] SendOrder =
        [Persona.Anonymous, Persona.NationalAdmin, Persona.ProfOtherMunicipality, Persona.ProfOther, Persona.ClubOther, Persona.InstrOther, Persona.ClubOwn, Persona.InstrOwn, Persona.ProfOwn, Persona.CoordOtherMunicipality, Persona.Coordinator];

    /// <summary>Whose data a route is about: decides which demo user plays "own" and "other".</summary>
    internal enum Context { General, Citizen, Programme }

    internal sealed record Ids(int Citizen, int Referral, int Team, int Club, int SpareClub, int SpareVenue, int Programme, int Session, int Enrolment, int EnrolCitizen, string OtherMunicipalityUser = "", int Municipality = 0);

    /// <summary>
    /// The demo data each parameterised route is tried on, and the context of routes about a citizen or a
    /// programme. Citizen: Anne Andersen of Jobcenter Høje-Taastrup, referred to "Stavgang for alle" of
    /// Taastrup Motionsforening. Programme: "Livsstilsholdet" of Sundhedscenter Høje-Taastrup, instructed by
    /// Ida, which visited "Stavgang for alle". The administration's archive buttons get a club and a venue
    /// no other route uses, because archiving a club archives its teams.
    /// </summary>
    internal static readonly Dictionary<string, (Context Context, Func<Ids, string> Url)> Subjects = new(StringComparer.Ordinal)
    {
        ["/administration/foreninger/{id:int}"] = (Context.General, i => $"/administration/foreninger/{i.SpareClub}"),
        ["/administration/steder/{id:int}"] = (Context.General, i => $"/administration/steder/{i.SpareVenue}"),
        ["/hold/{id:int}"] = (Context.General, i => $"/hold/{i.Team}"),
        // User administration is tried on Furesø's coordinator: to Høje-Taastrup's coordinator a user of another
        // municipality is a 404, and no write of the table can deactivate a persona (issue 11).
        ["/administration/brugere/{id}"] = (Context.General, i => $"/administration/brugere/{i.OtherMunicipalityUser}"),
        ["/administration/kommuner/{id:int}"] = (Context.General, i => $"/administration/kommuner/{i.Municipality}"),
        ["/hold/{id:int}/folder"] = (Context.General, i => $"/hold/{i.Team}/folder"),
        ["/hold/{id:int}.ics"] = (Context.General, i => $"/hold/{i.Team}.ics"),
        // The token is the credential, not the persona: a made-up one is a 404 for everyone (real ones: CalendarFeedTests).
        ["/kalender/{token}.ics"] = (Context.General, i => $"/kalender/{new string('x', 43)}.ics"),
        // The citizen's own page: the token is the credential; a made-up one is the same friendly page for everyone (real ones: OutcomeTests).
        ["/mig/{token}"] = (Context.General, _ => $"/mig/{new string('x', 22)}"),
        ["/mig/{token}/spoergeskema"] = (Context.General, _ => $"/mig/{new string('x', 22)}/spoergeskema"),
        ["/hold/{id:int}/rediger"] = (Context.General, i => $"/hold/{i.Team}/rediger"),
        ["/api/v1/teams/{id}"] = (Context.General, i => $"/api/v1/teams/{i.Team}"),
        ["/api/v1/clubs/{id}"] = (Context.General, i => $"/api/v1/clubs/{i.Club}"),
        ["/api/openreferral/services/{id}"] = (Context.General, i => $"/api/openreferral/services/{Web.Features.Catalogue.OpenReferral.OpenReferralIds.Of(Web.Features.Catalogue.OpenReferral.HsdsKind.Service, i.Team)}"),
        ["/api/openreferral/organizations/{id}"] = (Context.General, i => $"/api/openreferral/organizations/{Web.Features.Catalogue.OpenReferral.OpenReferralIds.Of(Web.Features.Catalogue.OpenReferral.HsdsKind.Organization, i.Club)}"),
        ["/api/openreferral/locations/{id}"] = (Context.General, i => $"/api/openreferral/locations/{Web.Features.Catalogue.OpenReferral.OpenReferralIds.Of(Web.Features.Catalogue.OpenReferral.HsdsKind.Location, i.SpareVenue)}"),
        ["/openapi/{documentName}.json"] = (Context.General, _ => "/openapi/v1.json"),
        ["/api-dokumentation/{documentName?}"] = (Context.General, _ => "/api-dokumentation/v1"),
        // No identity provider is configured here: 404 for everyone (the sign-in itself: Account/SingleSignOnTests.cs).
        ["/konto/sso/{municipality:int}"] = (Context.General, _ => "/konto/sso/169"),

        ["/borgere"] = (Context.Citizen, _ => "/borgere"),
        ["/borgere/ny"] = (Context.Citizen, _ => "/borgere/ny"),
        ["/mine-opgaver"] = (Context.Citizen, _ => "/mine-opgaver"),
        ["/borgere/{id:int}"] = (Context.Citizen, i => $"/borgere/{i.Citizen}"),
        ["/borgere/{id:int}/adgangslog"] = (Context.Citizen, i => $"/borgere/{i.Citizen}/adgangslog"),
        ["/borgere/{id:int}/samtale"] = (Context.Citizen, i => $"/borgere/{i.Citizen}/samtale"),
        ["/borgere/{id:int}/maalinger"] = (Context.Citizen, i => $"/borgere/{i.Citizen}/maalinger"),
        ["/borgere/{id:int}/spoergeskema"] = (Context.Citizen, i => $"/borgere/{i.Citizen}/spoergeskema"),
        ["/api/v1/citizens/{id}/outcomes"] = (Context.Citizen, i => $"/api/v1/citizens/{i.Citizen}/outcomes"),
        ["/borgere/{id:int}/forslag"] = (Context.Citizen, i => $"/borgere/{i.Citizen}/forslag"),
        ["/borgere/{id:int}/henvis/{teamId:int}"] = (Context.Citizen, i => $"/borgere/{i.Citizen}/henvis/{i.Team}"),
        ["/henvisninger/{id:int}"] = (Context.Citizen, i => $"/henvisninger/{i.Referral}"),
        ["/min-forening/besoeg"] = (Context.Citizen, _ => "/min-forening/besoeg"),
        ["/api/v1/citizens"] = (Context.Citizen, _ => "/api/v1/citizens"),
        ["/api/v1/citizens/{id}"] = (Context.Citizen, i => $"/api/v1/citizens/{i.Citizen}"),
        ["/api/v1/referrals"] = (Context.Citizen, _ => "/api/v1/referrals"),
        ["/api/v1/referrals/{id}/status"] = (Context.Citizen, i => $"/api/v1/referrals/{i.Referral}/status"),

        ["/forloeb"] = (Context.Programme, _ => "/forloeb"),
        ["/forloeb/nyt"] = (Context.Programme, _ => "/forloeb/nyt"),
        ["/forloeb/{id:int}"] = (Context.Programme, i => $"/forloeb/{i.Programme}"),
        ["/forloeb/{id:int}/evaluering"] = (Context.Programme, i => $"/forloeb/{i.Programme}/evaluering"),
        ["/forloeb/{id:int}/rediger"] = (Context.Programme, i => $"/forloeb/{i.Programme}/rediger"),
        ["/forloeb/{id:int}/traeninger"] = (Context.Programme, i => $"/forloeb/{i.Programme}/traeninger"),
        ["/forloeb/deltager/{enrolmentId:int}"] = (Context.Programme, i => $"/forloeb/deltager/{i.Enrolment}"),
        ["/forloeb/deltager/{enrolmentId:int}/rediger"] = (Context.Programme, i => $"/forloeb/deltager/{i.Enrolment}/rediger"),
        ["/forloeb/traening/{sessionId:int}/rediger"] = (Context.Programme, i => $"/forloeb/traening/{i.Session}/rediger"),
        ["/borgere/{id:int}/forloeb/{programmeId:int}"] = (Context.Programme, i => $"/borgere/{i.EnrolCitizen}/forloeb/{i.Programme}"),
        ["/instruktoer"] = (Context.Programme, _ => "/instruktoer"),
        ["/instruktoer/traening/{sessionId:int}"] = (Context.Programme, i => $"/instruktoer/traening/{i.Session}"),
        ["/kiosk/deltager/{enrolmentId:int}"] = (Context.Programme, i => $"/kiosk/deltager/{i.Enrolment}"),
        ["/api/v1/programmes"] = (Context.Programme, _ => "/api/v1/programmes/"),
        ["/api/v1/programmes/{id}/sessions"] = (Context.Programme, i => $"/api/v1/programmes/{i.Programme}/sessions"),
        ["/api/v1/programmes/{id}/evaluation"] = (Context.Programme, i => $"/api/v1/programmes/{i.Programme}/evaluation"),
        ["/api/v1/sessions/{id}/attendance"] = (Context.Programme, i => $"/api/v1/sessions/{i.Session}/attendance"),
    };

    /// <summary>Catalogue routes whose subject is Høje-Taastrup's (Hedehusene Cykelklub, "Stavgang for alle"): edited by its coordinator and club only.</summary>
    private static readonly HashSet<string> HoejeTaastrupCatalogue = new(StringComparer.Ordinal) { "/administration/foreninger/{id:int}", "/hold/{id:int}/rediger" };

    /// <summary>Catalogue routes whose subject is Furesø's (Værløse Hallen): not edited by Høje-Taastrup's coordinator.</summary>
    private static readonly HashSet<string> FuresoeCatalogue = new(StringComparer.Ordinal) { "/administration/steder/{id:int}" };

    internal static string? UserFor(Persona persona, Context context) => persona switch
    {
        Persona.Anonymous => null,
        Persona.Coordinator => DemoUsers.Coordinator,
        Persona.ProfOwn => context == Context.Programme ? DemoUsers.HealthProfessional : DemoUsers.Professional,
        Persona.ProfOther => context switch
        {
            // Another department of the same municipality: the subtle case.
            Context.Citizen => DemoUsers.HealthProfessional,
            Context.Programme => DemoUsers.Professional,
            _ => DemoUsers.FuresoeProfessional,
        },
        Persona.ClubOwn => DemoUsers.ClubContact,
        Persona.ClubOther => DemoUsers.OtherClubContact,
        Persona.InstrOwn => DemoUsers.Instructor,
        Persona.InstrOther => DemoUsers.OtherInstructor,
        Persona.CoordOtherMunicipality => DemoUsers.FuresoeCoordinator,
        Persona.ProfOtherMunicipality => DemoUsers.FuresoeProfessional,
        Persona.NationalAdmin => DemoUsers.NationalAdmin,
        _ => throw new ArgumentOutOfRangeException(nameof(persona)),
    };

    /// <summary>
    /// Names that may appear in a 2xx answer only to these users: citizens by last name (their department
    /// only), programme participants by first name (also their instructors and, with consent, the club
    /// they visited) and referred citizens by first name (also, with consent, the club they were referred
    /// to). Checked in every answer of every cell.
    /// </summary>
    private static readonly (string Marker, string Whose, string[] MaySee)[] Secrets =
    [
        ("Andersen", "Anne Andersen, citizen of Jobcenter Høje-Taastrup", [DemoUsers.Coordinator, DemoUsers.Professional]),
        ("Mortensen", "Ida Mortensen, citizen of Jobcenter Furesø", [DemoUsers.FuresoeCoordinator, DemoUsers.FuresoeProfessional]),
        ("Yilmaz", "Fatima Yilmaz of Livsstilsholdet (Sundhedscenter Høje-Taastrup), last name", [DemoUsers.Coordinator, DemoUsers.HealthProfessional]),
        ("Fatima", "Fatima Yilmaz of Livsstilsholdet, first name", [DemoUsers.Coordinator, DemoUsers.HealthProfessional, DemoUsers.Instructor, DemoUsers.ClubContact]),
        ("Vestergaard", "Kim Vestergaard of Sundere sammen (Jobcenter Furesø), last name", [DemoUsers.FuresoeCoordinator, DemoUsers.FuresoeProfessional]),
        ("Yasmin", "Yasmin Rahimi of Sundere sammen, first name", [DemoUsers.FuresoeCoordinator, DemoUsers.FuresoeProfessional, DemoUsers.Instructor, DemoUsers.OtherInstructor]),
        ("Dennis", "Dennis Larsen of Jobcenter Høje-Taastrup, referred to Høje-Taastrup Bordtennisklub, first name", [DemoUsers.Coordinator, DemoUsers.Professional, DemoUsers.OtherClubContact]),
        ("Bilal", "Bilal Hansen of Jobcenter Høje-Taastrup, referred to Hedehusene Badmintonklub, first name", [DemoUsers.Coordinator, DemoUsers.Professional]),
    ];

    private static readonly string[] Refusals = ["login", "denied", "notfound"];

    private sealed class Session(HttpClient client, string token)
    {
        public HttpClient Client { get; } = client;

        public string Token { get; } = token;

        /// <summary>Signed out (log out, kiosk start): the next cell signs in again.</summary>
        public bool Spent { get; set; }
    }

    private readonly Dictionary<string, Session> sessions = [];

    [Fact]
    public async Task Every_route_answers_every_persona_as_the_reviewed_table_says()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var inventory = await EndpointInventory.LoadAsync(app.Services);
        var ids = await SubjectsAsync(app);
        var table = ReadTable();
        var problems = new List<string>();
        var differences = new List<string>();
        var actual = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var roles = DemoData.Users.ToDictionary(u => u.Email, u => u.Role);
        Dictionary<string, string>? known = null;
        var crossings = 0;
        var leaks = 0;

        foreach (var entry in inventory)
        {
            if (!Subjects.TryGetValue(entry.Route, out var subject))
            {
                if (entry.Route.Contains('{', StringComparison.Ordinal))
                {
                    problems.Add($"{entry.Key}: no demo data to try it on; add the route to Subjects in {nameof(AuthorizationMatrixTests)}");
                    continue;
                }

                subject = (Context.General, _ => entry.Route);
            }

            var url = subject.Url(ids) + (entry.Handler is null ? "" : $"?handler={entry.Handler}");
            var method = entry.Method == EndpointInventory.AnyMethod ? "GET" : entry.Method;
            var writes = method != "GET";
            var admits = await AdmitsAsync(entry, roles);
            var cells = new string[Columns.Length];
            foreach (var persona in SendOrder)
            {
                var user = UserFor(persona, subject.Context);
                var who = $"{entry.Key} as {Columns[(int)persona]} ({user ?? "anonymous"})";
                if (writes && known is null)
                {
                    known = await FingerprintAsync();
                }

                var session = await SessionAsync(user);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (writes)
                {
                    request.Content = entry.IsApi
                        ? new StringContent(TakesList(entry) ? "[]" : "{}", Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = session.Token });
                }

                using var response = await session.Client.SendAsync(request, ct);
                var outcome = Outcome(response);
                cells[(int)persona] = outcome;
                if (response.Headers.TryGetValues("Set-Cookie", out var cookies)
                    && cookies.Any(c => c.StartsWith("foreningsbro=;", StringComparison.Ordinal) || c.StartsWith(AuthSchemes.KioskCookie + "=", StringComparison.Ordinal)))
                {
                    session.Spent = true;
                }

                if ((int)response.StatusCode >= 500)
                {
                    problems.Add($"{who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }

                if (user is null ? !entry.AllowsAnonymous && outcome != "login" : !admits[user] && outcome is not ("login" or "denied"))
                {
                    problems.Add($"{who}: the policy refuses this user, but the answer was {outcome} ({(int)response.StatusCode})");
                }

                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(ct);
                    foreach (var (marker, whose, maySee) in Secrets)
                    {
                        if ((user is null || !maySee.Contains(user)) && body.Contains(marker, StringComparison.Ordinal))
                        {
                            leaks += OutsideTheMunicipality.Contains(persona) || (persona == Persona.Coordinator && maySee.Contains(DemoUsers.FuresoeCoordinator)) ? 1 : 0;
                            problems.Add($"{who}: the answer shows \"{marker}\" ({whose})");
                        }
                    }
                }

                if (writes && Refusals.Concat(["bad", "conflict", "method"]).Contains(outcome))
                {
                    var after = await FingerprintAsync();
                    var changed = known!.Where(t => !after.TryGetValue(t.Key, out var h) || h != t.Value).Select(t => t.Key).ToList();
                    if (changed.Count > 0)
                    {
                        problems.Add($"{who}: refused ({outcome}), but the database changed: {string.Join(", ", changed)}");
                    }

                    known = after;
                }
                else
                {
                    known = null;
                }
            }

            // The municipality boundary, whatever the table says (issue 11): no one of another municipality,
            // and not the national administrator, reaches Høje-Taastrup's citizens, programmes, clubs or
            // teams by id; and Høje-Taastrup's coordinator does not edit Furesø's venue.
            var crossing = subject.Context != Context.General && entry.Route.Contains('{', StringComparison.Ordinal)
                || HoejeTaastrupCatalogue.Contains(entry.Route)
                ? OutsideTheMunicipality
                : FuresoeCatalogue.Contains(entry.Route) ? [Persona.Coordinator] : [];
            foreach (var persona in crossing.Where(p => cells[(int)p] is "ok" or "redirect"))
            {
                crossings++;
                problems.Add($"{entry.Key} as {Columns[(int)persona]} ({UserFor(persona, subject.Context)}): {cells[(int)persona]} across the municipality boundary");
            }

            actual[entry.Key] = cells;
            if (!table.TryGetValue(entry.Key, out var expected))
            {
                differences.Add($"{entry.Key}: not in {TableFile}; actual {string.Join(" ", cells)}");
                continue;
            }

            for (var p = 0; p < Columns.Length; p++)
            {
                if (expected.Cells[p] != cells[p])
                {
                    differences.Add($"{entry.Key} as {Columns[p]} ({UserFor((Persona)p, subject.Context) ?? "anonymous"}): expected {expected.Cells[p]}, got {cells[p]}");
                }

                if (Refusals.Contains(expected.Cells[p]) && cells[p] is "ok")
                {
                    problems.Add($"{entry.Key} as {Columns[p]}: the table says {expected.Cells[p]}, the app answered 2xx");
                }
            }
        }

        differences.AddRange(table.Keys.Where(k => !actual.ContainsKey(k)).Select(k => $"{k}: in {TableFile}, but the app has no such endpoint (remove the row)"));
        var write = Environment.GetEnvironmentVariable("FORENINGSBRO_WRITE_MATRIX") == "1";
        if (write)
        {
            WriteTable(inventory, actual, table);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{actual.Count} routes × {Columns.Length} personas = {actual.Count * Columns.Length} requests in {clock.Elapsed.TotalSeconds:0.0} s on {(AppFactory.IsPostgres ? "PostgreSQL" : "SQLite")}; "
            + $"across the municipality boundary: {crossings} reads or writes by id, {leaks} answers naming another municipality's citizen");

        var report = problems.Concat(write ? [] : differences).ToList();
        if (report.Count > 0)
        {
            Assert.Fail($"{problems.Count} rule violation(s), {differences.Count} cell(s) differing from {TableFile}{(write ? " (rewritten)" : "")}:{Environment.NewLine}{string.Join(Environment.NewLine, report)}");
        }
    }

    [Fact]
    public async Task The_table_has_one_row_per_endpoint_and_only_known_outcomes()
    {
        var inventory = (await EndpointInventory.LoadAsync(app.Services)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var table = ReadTable();
        var problems = new List<string>();
        problems.AddRange(inventory.Where(k => !table.ContainsKey(k)).Select(k => $"{k}: missing from {TableFile}"));
        problems.AddRange(table.Keys.Where(k => !inventory.Contains(k)).Select(k => $"{k}: no such endpoint"));
        string[] known = ["ok", "redirect", "login", "denied", "notfound", "bad", "conflict", "method"];
        problems.AddRange(table.Values.SelectMany(r => r.Cells.Where(c => !known.Contains(c)).Select(c => $"{r.Key}: unknown outcome \"{c}\"")));
        if (problems.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, problems));
        }
    }

    [Fact]
    public async Task The_demo_data_plays_the_personas_the_table_assumes()
    {
        var ids = await SubjectsAsync(app);
        var facts = await app.WithDb(async db => new
        {
            CitizenDepartment = await db.Citizens.Where(c => c.Id == ids.Citizen).Select(c => c.Department.Name).SingleAsync(),
            ReferralTeamClub = await db.Referrals.Where(r => r.Id == ids.Referral).Select(r => r.Team.Club.Name).SingleAsync(),
            TeamClub = await db.Teams.Where(t => t.Id == ids.Team).Select(t => t.Club.Name).SingleAsync(),
            ProgrammeDepartment = await db.Programmes.Where(p => p.Id == ids.Programme).Select(p => p.Department.Name).SingleAsync(),
            Instructors = await db.ProgrammeInstructors.Where(i => i.ProgrammeId == ids.Programme).Select(i => db.Users.Single(u => u.Id == i.UserId).Email).ToListAsync(),
            VisitClub = await db.ProgrammeSessions.Where(s => s.ProgrammeId == ids.Programme && s.VisitTeam != null).Select(s => s.VisitTeam!.Club.Name).SingleAsync(),
            Users = await db.Users.Select(u => new { u.Email, Department = u.Department!.Name, Club = u.Club!.Name, Municipality = u.Municipality!.Name }).ToDictionaryAsync(u => u.Email!),
            CitizenMunicipality = await db.Citizens.Where(c => c.Id == ids.Citizen).Select(c => c.Department.Municipality.Name).SingleAsync(),
            ProgrammeMunicipality = await db.Programmes.Where(p => p.Id == ids.Programme).Select(p => p.Department.Municipality.Name).SingleAsync(),
            SpareClubMunicipality = await db.Clubs.Where(c => c.Id == ids.SpareClub).Select(c => c.Municipality.Name).SingleAsync(),
            TeamMunicipality = await db.Teams.Where(t => t.Id == ids.Team).Select(t => t.Club.Municipality.Name).SingleAsync(),
            SpareVenueMunicipality = await db.Venues.Where(v => v.Id == ids.SpareVenue).Select(v => v.Municipality.Name).SingleAsync(),
            // The other municipality has citizens, referrals and a programme of its own, so its personas' lists are not empty by accident.
            FuresoeCitizens = await db.Citizens.CountAsync(c => c.Department.Municipality.Name == "Furesø"),
            FuresoeReferrals = await db.Referrals.CountAsync(r => r.Citizen.Department.Municipality.Name == "Furesø"),
            FuresoeProgrammes = await db.Programmes.CountAsync(p => p.Department.Municipality.Name == "Furesø"),
        });

        facts.CitizenDepartment.ShouldBe(facts.Users[DemoUsers.Professional].Department);
        facts.CitizenDepartment.ShouldNotBe(facts.Users[DemoUsers.HealthProfessional].Department);
        facts.ReferralTeamClub.ShouldBe(facts.Users[DemoUsers.ClubContact].Club);
        facts.TeamClub.ShouldBe(facts.Users[DemoUsers.ClubContact].Club);
        facts.TeamClub.ShouldNotBe(facts.Users[DemoUsers.OtherClubContact].Club);
        facts.ProgrammeDepartment.ShouldBe(facts.Users[DemoUsers.HealthProfessional].Department);
        facts.ProgrammeDepartment.ShouldNotBe(facts.Users[DemoUsers.Professional].Department);
        facts.Instructors.ShouldBe([DemoUsers.Instructor]);
        facts.VisitClub.ShouldBe(facts.Users[DemoUsers.ClubContact].Club);

        facts.CitizenMunicipality.ShouldBe(facts.Users[DemoUsers.Coordinator].Municipality);
        facts.ProgrammeMunicipality.ShouldBe(facts.Users[DemoUsers.Coordinator].Municipality);
        facts.SpareClubMunicipality.ShouldBe(facts.Users[DemoUsers.Coordinator].Municipality);
        facts.TeamMunicipality.ShouldBe(facts.Users[DemoUsers.Coordinator].Municipality);
        facts.CitizenMunicipality.ShouldNotBe(facts.Users[DemoUsers.FuresoeCoordinator].Municipality);
        facts.CitizenMunicipality.ShouldNotBe(facts.Users[DemoUsers.FuresoeProfessional].Municipality);
        facts.SpareVenueMunicipality.ShouldBe(facts.Users[DemoUsers.FuresoeCoordinator].Municipality);
        facts.Users[DemoUsers.NationalAdmin].Municipality.ShouldBeNull();
        facts.FuresoeCitizens.ShouldBeGreaterThan(0);
        facts.FuresoeReferrals.ShouldBeGreaterThan(0);
        facts.FuresoeProgrammes.ShouldBeGreaterThan(0);
    }

    /// <summary>The demo data the parameterised routes are tried on (also by the English-pages test).</summary>
    internal static Task<Ids> SubjectsAsync(AppFactory app) => app.WithDb(async db =>
    {
        var today = DateOnly.FromDateTime(AppFactory.Now.UtcDateTime);
        var programme = await db.Programmes.Where(p => p.Name == "Livsstilsholdet").Select(p => p.Id).SingleAsync();
        return new Ids(
            Citizen: await db.Citizens.Where(c => c.FirstName == "Anne" && c.LastName == "Andersen").Select(c => c.Id).SingleAsync(),
            Referral: await db.Referrals.Where(r => r.Citizen.LastName == "Andersen").Select(r => r.Id).SingleAsync(),
            Team: await db.Teams.Where(t => t.Title == "Stavgang for alle").Select(t => t.Id).SingleAsync(),
            Club: await db.Clubs.Where(c => c.Name == "Taastrup Motionsforening").Select(c => c.Id).SingleAsync(),
            SpareClub: await db.Clubs.Where(c => c.Name == "Hedehusene Cykelklub").Select(c => c.Id).SingleAsync(),
            SpareVenue: await db.Venues.Where(v => v.Name == "Værløse Hallen").Select(v => v.Id).SingleAsync(),
            Programme: programme,
            // The next training (not today's: the instructor's kiosk button stays a message, not a sign-out).
            Session: await db.ProgrammeSessions.Where(s => s.ProgrammeId == programme && s.Date > today).OrderBy(s => s.Date).Select(s => s.Id).FirstAsync(),
            Enrolment: await db.Enrolments.Where(e => e.ProgrammeId == programme && e.Citizen.LastName == "Yilmaz").Select(e => e.Id).SingleAsync(),
            EnrolCitizen: await db.Citizens.Where(c => c.FirstName == "Frank" && c.LastName == "Olsen").Select(c => c.Id).SingleAsync(),
            OtherMunicipalityUser: await db.Users.Where(u => u.Email == DemoUsers.FuresoeCoordinator).Select(u => u.Id).SingleAsync(),
            Municipality: await db.Municipalities.Where(m => m.Code == 169).Select(m => m.Id).SingleAsync());
    });

    private async Task<Session> SessionAsync(string? user)
    {
        var key = user ?? "";
        if (sessions.TryGetValue(key, out var session) && !session.Spent)
        {
            return session;
        }

        var client = user is null ? app.CreateAnonymousClient() : await app.CreateClientAs(user);
        // Anti-forgery tokens belong to the user and the cookie, not to a form: one from the login form serves every POST.
        var doc = await client.GetDocumentAsync("/konto/log-ind");
        var token = doc.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return sessions[key] = new Session(client, token);
    }

    /// <summary>Whether the endpoint's policies admit each demo user's role, evaluated apart from the HTTP answer.</summary>
    private async Task<Dictionary<string, bool>> AdmitsAsync(InventoryEntry entry, Dictionary<string, string> roles)
    {
        var result = roles.Keys.ToDictionary(u => u, _ => true);
        if (entry.AllowsAnonymous)
        {
            return result;
        }

        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, entry.AuthorizeData, entry.Endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            ?? await provider.GetFallbackPolicyAsync();
        foreach (var (user, role) in roles)
        {
            // The kiosk policy reads only the kiosk cookie, which no staff login carries.
            var kioskOnly = policy!.AuthenticationSchemes.Count > 0 && policy.AuthenticationSchemes.All(s => s == AuthSchemes.Kiosk);
            // Every demo user but the national administrator works for a municipality (the ManagesUsers policy asks for it).
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                role == Roles.NationalAdmin ? [new Claim(ClaimTypes.Role, role)] : [new Claim(ClaimTypes.Role, role), new Claim(AppClaims.MunicipalityId, "1")], "Identity.Application"));
            result[user] = !kioskOnly && (await authorization.AuthorizeAsync(principal, null, policy)).Succeeded;
        }

        return result;
    }

    private static bool TakesList(InventoryEntry entry) =>
        entry.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>
    /// ok 2xx · redirect 3xx elsewhere (a page's answer to a form) · login 401 or 302 to the login form (for
    /// kiosk pages: to the instructor page, the kiosk's login) · denied 403 or 302 to /konto/ingen-adgang ·
    /// notfound 404 · bad 400 · conflict 409 · method 405 (a page without a handler for the method); anything
    /// else is its status code.
    /// </summary>
    private static string Outcome(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
            return target.AbsolutePath switch
            {
                "/konto/log-ind" => "login",
                "/konto/ingen-adgang" => "denied",
                "/instruktoer" when target.Query.Contains("kiosk=", StringComparison.Ordinal) => "login",
                _ => "redirect",
            };
        }

        return response.StatusCode switch
        {
            >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices => "ok",
            HttpStatusCode.Unauthorized => "login",
            HttpStatusCode.Forbidden => "denied",
            HttpStatusCode.NotFound => "notfound",
            HttpStatusCode.BadRequest => "bad",
            HttpStatusCode.Conflict => "conflict",
            HttpStatusCode.MethodNotAllowed => "method",
            _ => status.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// A hash of every row of every table but the access log (which every view writes to), the sessions (which
    /// every login of a persona writes, and a session's last-seen time) and the audit log's sign-in attempts,
    /// read generically.
    /// </summary>
    private Task<Dictionary<string, string>> FingerprintAsync() => app.WithDb(async db =>
    {
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.ClrType != typeof(AccessLogEntry) && t.ClrType != typeof(UserSession) && t.GetTableName() is not null)
            .Select(t => (Schema: t.GetSchema(), Name: t.GetTableName()!))
            .Distinct()
            .ToList();
        var auditTable = db.Model.FindEntityType(typeof(AuditLogEntry))!.GetTableName();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var result = new Dictionary<string, string>();
            foreach (var (schema, name) in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {(schema is null ? "" : $"\"{schema}\".")}\"{name}\"";
                if (name == auditTable)
                {
                    // A refused login is written to the audit log on purpose (issue 12); every other entry counts.
                    command.CommandText += $" WHERE \"{nameof(AuditLogEntry.Action)}\" NOT IN ({string.Join(", ", Web.Features.Account.PasswordSignIn.SignInActions.Select(a => $"'{a}'"))})";
                }
                var rows = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var values = new string[reader.FieldCount];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
                        {
                            byte[] bytes => Convert.ToBase64String(bytes),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            var v => v.ToString() ?? "",
                        };
                    }

                    rows.Add(string.Join('\u001f', values));
                }

                rows.Sort(StringComparer.Ordinal);
                result[name] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))));
            }

            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    private sealed record Row(string Key, string[] Cells, string Note);

    private static Dictionary<string, Row> ReadTable()
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(EndpointInventory.RepoFile(TableFile)))
        {
            var cells = line.Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            // | method | route | one cell per persona | note |
            if (!line.StartsWith('|') || cells.Length < Columns.Length + 4 || cells[1] is "method" || cells[1].StartsWith('-'))
            {
                continue;
            }

            var key = $"{cells[1]} {cells[2]}";
            rows[key] = new Row(key, cells[3..(3 + Columns.Length)], cells[3 + Columns.Length]);
        }

        return rows;
    }

    /// <summary>Rewrites the table in the repository from the answers, keeping the text around it and each row's note.</summary>
    private static void WriteTable(List<InventoryEntry> inventory, Dictionary<string, string[]> actual, Dictionary<string, Row> old)
    {
        var path = EndpointInventory.RepoFile(TableFile);
        var lines = File.ReadAllLines(path).ToList();
        var start = lines.FindIndex(l => l.StartsWith("| method", StringComparison.Ordinal));
        var end = start < 0 ? -1 : lines.FindIndex(start, l => !l.StartsWith('|'));
        var before = start < 0 ? lines : lines[..start];
        var after = start < 0 ? [] : end < 0 ? [] : lines[end..];
        var table = new List<string>
        {
            $"| method | route | {string.Join(" | ", Columns)} | note |",
            $"|---|---|{string.Concat(Columns.Select(_ => "---|"))}---|",
        };
        foreach (var entry in inventory.Where(e => actual.ContainsKey(e.Key)))
        {
            var note = old.TryGetValue(entry.Key, out var row) ? row.Note : "";
            table.Add($"| {entry.Method} | `{entry.Path}` | {string.Join(" | ", actual[entry.Key])} | {note} |");
        }

        File.WriteAllLines(path, [.. before, .. table, .. after]);
    }
}
