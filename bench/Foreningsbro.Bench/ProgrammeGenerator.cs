using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Programmes;

using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Bench;

/// <summary>The programme rows made for the generated citizens, and the instructor users who run them.</summary>
public sealed class GeneratedProgrammes
{
    public List<AppUser> Users { get; } = [];
    public List<AppUserRole> UserRoles { get; } = [];
    public List<Programme> Programmes { get; } = [];
    public List<ProgrammeSchedule> Schedules { get; } = [];
    public List<ProgrammeInstructor> Instructors { get; } = [];
    public List<Enrolment> Enrolments { get; } = [];
    public List<ProgrammeSession> Sessions { get; } = [];
    public List<Attendance> Attendances { get; } = [];
}

/// <summary>
/// Municipal group-training programmes over the generated citizens, made up from a seed: about one
/// programme per 500 citizens (at least one in every municipality with 100 citizens, so every one at
/// the national size), each run by the job centre or the health centre at a venue in its municipality,
/// one or two weekdays a week, with two instructors and 8-15 of the department's citizens, some of
/// whom moved on during the year. Sessions come from the app's own SessionPlan for the year up to
/// today and its weeks ahead; every held session has an attendance row per participant enrolled that
/// day, as an instructor records it: mostly present, some with notice or without, check-in moods that
/// rise a little over the year, and check-out ratings with reasons in the participants' own words.
/// </summary>
public sealed class ProgrammeGenerator(int seed, DateTime nowUtc)
{
    public const string InstructorEmailPrefix = "instruktor";
    public const int CitizensPerProgramme = 500;
    private const int MinimumCitizens = 100;

    private static readonly string[] JobcentreNames = ["Sundere sammen", "Aktiv hverdag", "Bevægelse på vej", "Styrk dig", "Ud og gå"];
    private static readonly string[] HealthNames = ["Livsstilsholdet", "Træning med KOL", "Ryg og bevægelse", "Hjerteholdet", "Diabetes i bevægelse"];
    private static readonly string[] Words = ["træt", "glad", "spændt", "ømme ben", "frisk", "stresset", "god", "nervøs", "motiveret", "rolig"];
    private static readonly string[] Topics = ["Søvn", "Kost", "Stress", "Motivation og mål", "Smerter og bevægelse", "Foreningslivet"];
    private static readonly string[] CancelReasons = ["Hallen bruges til stævne.", "Instruktøren er syg.", "Helligdag.", "Skolernes ferie; hallen er lukket."];

    private static readonly string[] GoodReasons =
    [
        "Godt at grine sammen med de andre.",
        "Instruktøren viste øvelser, jeg kan lave derhjemme.",
        "Jeg fik sved på panden uden at få ondt.",
        "Rart at nogen lagde mærke til, at jeg kom.",
        "Jeg sov bedre natten efter sidste gang.",
        "Kaffen bagefter er det bedste.",
    ];

    private static readonly string[] BadReasons =
    [
        "For hårdt i dag; mit knæ gjorde ondt.",
        "Det var svært at følge med.",
        "Jeg havde en dårlig dag og svært ved at komme i gang.",
        "For mange på holdet i dag.",
    ];

    private static readonly (int Hour, int Minute)[] StartTimes = [(9, 0), (9, 30), (10, 0), (10, 30), (13, 0), (16, 30)];

    private readonly Random random = new(seed + 11);
    private readonly HashSet<string> names = [];

    public GeneratedProgrammes Generate(GeneratedCatalogue catalogue, GeneratedBridging bridging)
    {
        var result = new GeneratedProgrammes();
        var today = DanishTime.Today(nowUtc);
        var instructorRole = bridging.Roles.Single(r => r.Name == Roles.Instructor).Id;
        var hash = new PasswordHasher<AppUser>().HashPassword(null!, BridgingGenerator.Password);
        var consultants = bridging.Users.Where(u => u.DepartmentId is not null).GroupBy(u => u.DepartmentId!.Value).ToDictionary(g => g.Key, g => g.First());
        var clubMunicipality = catalogue.Clubs.ToDictionary(c => c.Id, c => c.MunicipalityId);
        var teamsByMunicipality = catalogue.Teams.Where(t => t.Status == TeamStatus.Active)
            .GroupBy(t => clubMunicipality[t.ClubId]).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToArray());
        var venuesByMunicipality = catalogue.Venues.GroupBy(v => v.MunicipalityId).ToDictionary(g => g.Key, g => g.ToArray());
        var citizensByDepartment = bridging.Citizens.GroupBy(c => c.DepartmentId).ToDictionary(g => g.Key, g => new Queue<Citizen>(Shuffle([.. g])));

        foreach (var municipality in catalogue.Municipalities)
        {
            var departments = catalogue.Departments.Where(d => d.MunicipalityId == municipality.Id).OrderBy(d => d.Id).ToArray();
            var citizens = departments.Sum(d => citizensByDepartment.GetValueOrDefault(d.Id)?.Count ?? 0);
            var count = citizens / CitizensPerProgramme;
            if (count == 0 && citizens >= MinimumCitizens)
            {
                count = 1;
            }

            var venues = venuesByMunicipality.GetValueOrDefault(municipality.Id, []);
            for (var i = 0; i < count && venues.Length > 0; i++)
            {
                // The job centre runs about two in three, as it refers about two in three citizens.
                var department = departments[random.Next(100) < 65 ? 0 : departments.Length - 1];
                var queue = citizensByDepartment.GetValueOrDefault(department.Id);
                if (queue is null || queue.Count < 8)
                {
                    continue;
                }

                AddProgramme(result, department, Pick(venues), queue, teamsByMunicipality.GetValueOrDefault(municipality.Id, []),
                    consultants.GetValueOrDefault(department.Id), instructorRole, hash, today);
            }
        }

        return result;
    }

    private void AddProgramme(
        GeneratedProgrammes result, Department department, Venue venue, Queue<Citizen> citizens, int[] teams,
        AppUser? consultant, string instructorRole, string hash, DateOnly today)
    {
        var jobcentre = department.Kind == DepartmentKind.Jobcenter;
        // "Sundere sammen, Ballerup"; a second one of the same name in the town is "Sundere sammen 2, Ballerup".
        var name = jobcentre ? Pick(JobcentreNames) : Pick(HealthNames);
        var number = 1;
        while (!names.Add($"{name} {number}, {venue.Town}"))
        {
            number++;
        }
        var createdBy = consultant?.DisplayName ?? $"{Pick(CatalogueGenerator.FirstNames)} {Pick(CatalogueGenerator.LastNames)}";
        // Open-ended and running for a year or a little more: a year of sessions up to today.
        var start = today.AddDays(-365 - random.Next(60));
        var programme = new Programme
        {
            Id = result.Programmes.Count + 1,
            DepartmentId = department.Id,
            Name = number == 1 ? $"{name}, {venue.Town}" : $"{name} {number}, {venue.Town}",
            Kind = jobcentre ? ProgrammeKind.TrainingProgramme : random.Next(2) == 0 ? ProgrammeKind.CourseProgramme : ProgrammeKind.LifestyleGroup,
            Description = jobcentre
                ? "Træning for borgere, der er henvist af jobcentret. Hver gang starter med check-in og slutter med en kort evaluering; vi bygger bro til foreningslivet fra første dag."
                : "Forløb om bevægelse, kost og søvn for borgere med eller i risiko for livsstilssygdom. Holdet besøger foreninger sammen undervejs.",
            VenueId = venue.Id,
            ResponsibleConsultantId = consultant?.Id,
            StartDate = start,
            Weeks = null,
            Capacity = 16,
            CreatedAtUtc = Instant(start.AddDays(-14 - random.Next(14)), new TimeOnly(9, 0)),
            CreatedBy = createdBy,
        };
        result.Programmes.Add(programme);

        var (hour, minute) = Pick(StartTimes);
        var length = random.Next(2) == 0 ? 60 : 90;
        var first = (DayOfWeek)(1 + random.Next(5));
        var days = random.Next(100) < 60 ? new[] { first, (DayOfWeek)(1 + (((int)first + 1) % 5)) } : [first];
        foreach (var day in days.Distinct())
        {
            var schedule = new ProgrammeSchedule
            {
                Id = result.Schedules.Count + 1,
                ProgrammeId = programme.Id,
                Weekday = day,
                Start = new TimeOnly(hour, minute),
                End = new TimeOnly(hour, minute).AddMinutes(length),
            };
            result.Schedules.Add(schedule);
            programme.Schedules.Add(schedule);
        }

        var instructors = new[] { AddInstructor(result, instructorRole, hash, department.MunicipalityId), AddInstructor(result, instructorRole, hash, department.MunicipalityId) };
        result.Instructors.AddRange(instructors.Select(u => new ProgrammeInstructor { ProgrammeId = programme.Id, UserId = u.Id }));

        // 8-15 participants: half from the start, the rest joining during the year; about a third moved on.
        var participants = new List<(Enrolment Enrolment, double Turnout, int Mood)>();
        var size = Math.Min(citizens.Count, 8 + random.Next(8));
        for (var p = 0; p < size; p++)
        {
            var citizen = citizens.Dequeue();
            var joined = random.Next(2) == 0 ? start : start.AddDays(random.Next(today.DayNumber - start.DayNumber - 14));
            var enrolment = new Enrolment
            {
                Id = result.Enrolments.Count + 1,
                ProgrammeId = programme.Id,
                CitizenId = citizen.Id,
                ConsultantId = consultant?.Id,
                StartDate = joined,
                NextStepTeamId = teams.Length > 0 && random.Next(100) < 60 ? teams[random.Next(teams.Length)] : null,
                CreatedAtUtc = Instant(joined.AddDays(-random.Next(1, 10)), new TimeOnly(11, 0)),
                CreatedBy = createdBy,
                IdempotencyKey = NewGuid(),
            };
            var ends = joined.AddDays(42 + random.Next(200));
            if (random.Next(100) < 35 && ends < today.AddDays(-1))
            {
                enrolment.EndDate = ends;
                enrolment.EndReason = random.Next(100) switch
                {
                    < 35 => EnrolmentEndReason.JoinedClub,
                    < 55 => EnrolmentEndReason.Job,
                    < 65 => EnrolmentEndReason.Education,
                    < 75 => EnrolmentEndReason.Health,
                    < 95 => EnrolmentEndReason.StoppedComing,
                    _ => EnrolmentEndReason.Other,
                };
                enrolment.EndNote = enrolment.EndReason == EnrolmentEndReason.Other ? "Flyttet til en anden kommune." : null;
                enrolment.Version = 1;
            }

            result.Enrolments.Add(enrolment);
            participants.Add((enrolment, 0.55 + (random.NextDouble() * 0.42), 2 + random.Next(2)));
        }

        // The app's own slots, up to its own horizon, so the app generates nothing more on its first visit.
        var held = 0;
        foreach (var session in SessionPlan.Slots(programme, start, SessionPlan.Horizon(programme, nowUtc)))
        {
            session.Id = result.Sessions.Count + 1;
            result.Sessions.Add(session);
            if (random.Next(100) < 3)
            {
                session.Cancelled = true;
                session.CancelReason = Pick(CancelReasons);
                session.Version = 1;
                continue;
            }

            if (session.Date >= today)
            {
                continue;
            }

            if (held++ % 4 == 3)
            {
                session.Topic = Pick(Topics);
                session.TopicNote = $"Kort oplæg og snak om {session.Topic.ToLowerInvariant()} efter træningen.";
                session.Version = 1;
            }

            var recorder = instructors[random.Next(instructors.Length)].DisplayName;
            var yearShare = Math.Clamp((session.Date.DayNumber - start.DayNumber) / 365.0, 0, 1);
            foreach (var (enrolment, turnout, mood) in participants)
            {
                if (session.Date < enrolment.StartDate || (enrolment.EndDate is { } end && session.Date > end))
                {
                    continue;
                }

                result.Attendances.Add(Record(result, session, enrolment, turnout, (int)Math.Round(mood + yearShare), recorder));
            }
        }
    }

    private Attendance Record(GeneratedProgrammes result, ProgrammeSession session, Enrolment enrolment, double turnout, int mood, string by)
    {
        var roll = random.NextDouble();
        var status = roll < turnout ? AttendanceStatus.Present
            : roll < turnout + ((1 - turnout) * 0.6) ? AttendanceStatus.AbsentWithNotice
            : AttendanceStatus.Absent;
        var attendance = new Attendance
        {
            Id = result.Attendances.Count + 1,
            SessionId = session.Id,
            EnrolmentId = enrolment.Id,
            Status = status,
            RecordedAtUtc = Instant(session.Date, session.End).AddMinutes(random.Next(5, 120)),
            RecordedBy = by,
        };
        if (status == AttendanceStatus.Present)
        {
            // Not everyone checks in or out: the kiosk is optional, and some leave early.
            if (random.Next(100) < 80)
            {
                attendance.CheckInMood = Math.Clamp(mood + random.Next(-1, 2), 1, 5);
                attendance.CheckInWord = random.Next(100) < 30 ? Pick(Words) : null;
            }

            if (random.Next(100) < 70)
            {
                var rating = random.Next(100) switch { < 35 => 5, < 70 => 4, < 88 => 3, < 96 => 2, _ => 1 };
                attendance.CheckOutRating = rating;
                attendance.CheckOutReason = random.Next(100) < 35 ? (rating >= 3 ? Pick(GoodReasons) : Pick(BadReasons)) : null;
            }
        }

        return attendance;
    }

    private AppUser AddInstructor(GeneratedProgrammes result, string roleId, string hash, int municipalityId)
    {
        var n = result.Users.Count + 1;
        var email = $"{InstructorEmailPrefix}{n}@bench.foreningsbro.dk";
        var user = new AppUser
        {
            Id = $"bench-instructor-{n}",
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = hash,
            SecurityStamp = NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = NewGuid().ToString(),
            LockoutEnabled = true,
            DisplayName = $"Bench Instruktør {n}",
            MunicipalityId = municipalityId,
        };
        result.Users.Add(user);
        result.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = roleId });
        return user;
    }

    private static DateTime Instant(DateOnly date, TimeOnly time) =>
        DanishTime.ToUtc(date, time);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
