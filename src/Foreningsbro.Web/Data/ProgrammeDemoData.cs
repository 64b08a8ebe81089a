using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Features.Programmes;

using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>
/// Furesø's "Sundere sammen" (Tuesday and Thursday in the volleyball hall, two instructors, a job
/// consultant, twelve participants with eight weeks of attendance, check-ins and ratings, two of
/// whom moved on to the volleyball club) and Høje-Taastrup's health-centre lifestyle group, whose
/// group visit to "Stavgang for alle" made four of eight sign up. Seeded, so every load is the same.
/// </summary>
public static class ProgrammeDemoData
{
    private static readonly string[] Words = ["træt", "glad", "spændt", "ømme ben", "frisk", "stresset", "god", "nervøs", "motiveret", "rolig"];

    private static readonly string[] GoodReasons =
    [
        "Godt at grine sammen med de andre.",
        "Instruktøren viste øvelser, jeg kan lave derhjemme.",
        "Jeg fik sved på panden uden at få ondt.",
        "Rart at nogen lagde mærke til, at jeg kom.",
        "Volleyball var sjovere, end jeg troede.",
        "Jeg sov bedre natten efter sidste gang.",
        "Kaffen bagefter er det bedste.",
    ];

    private static readonly string[] BadReasons =
    [
        "For hårdt i dag; mit knæ gjorde ondt.",
        "Det var svært at følge med i reglerne.",
        "Jeg havde en dårlig dag og svært ved at komme i gang.",
        "For mange ventede på bolden.",
    ];

    public static async Task LoadAsync(AppDbContext db, DateTimeOffset now)
    {
        var random = new Random(190);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name);
        var venues = await db.Venues.ToDictionaryAsync(v => v.Name);
        var teams = await db.Teams.Include(t => t.Schedules).AsSplitQuery().ToDictionaryAsync(t => t.Title);
        var users = await db.Users.ToDictionaryAsync(u => u.Email!);
        var ida = users["instruktor@demo.foreningsbro.dk"];
        var ole = users["instruktor2@demo.foreningsbro.dk"];
        var malene = users["furesoe@demo.foreningsbro.dk"];
        var hanne = users["sundhed@demo.foreningsbro.dk"];

        var today = DanishTime.Today(now);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));

        // --- Furesø: "Sundere sammen", open-ended, started eight weeks ago.
        var volleyTeam = teams["Motionsvolley i Farum"];
        var sundere = new Programme
        {
            Department = departments["Jobcenter Furesø"],
            Name = "Sundere sammen",
            Kind = ProgrammeKind.TrainingProgramme,
            Description = "Træning to gange om ugen for borgere, der er henvist af jobcentret. Hver gang starter med check-in og slutter med en kort evaluering. Vi bygger bro til foreningslivet fra første dag.",
            Venue = venues["Farum Volleyballhal"],
            ResponsibleConsultantId = malene.Id,
            StartDate = thisMonday.AddDays(-56),
            Weeks = null,
            Capacity = 16,
            CreatedAtUtc = now.UtcDateTime.AddDays(-70),
            CreatedBy = malene.DisplayName,
            Schedules =
            [
                new() { Weekday = DayOfWeek.Tuesday, Start = new(10, 0), End = new(11, 30) },
                new() { Weekday = DayOfWeek.Thursday, Start = new(10, 0), End = new(11, 30) },
            ],
            Instructors = [new() { UserId = ida.Id }, new() { UserId = ole.Id }],
        };
        db.Programmes.Add(sundere);

        (string First, string Last, int Born, int StartWeek, double Turnout)[] furesoeParticipants =
        [
            ("Lone", "Berg", 1971, 0, 0.95), ("Mads", "Holm", 1988, 0, 0.85), ("Sara", "Nørgaard", 1993, 0, 0.75),
            ("Per", "Kjær", 1965, 0, 0.9), ("Yasmin", "Rahimi", 1986, 0, 0.8), ("Torben", "Lund", 1974, 0, 0.6),
            ("Mette", "Dahl", 1980, 0, 0.9), ("Ali", "Demir", 1990, 0, 0.7), ("Birgit", "Juhl", 1963, 0, 0.85),
            ("Kim", "Vestergaard", 1977, 2, 0.8), ("Nadia", "Sørensen", 1995, 4, 0.9), ("Jens", "Bech", 1969, 5, 0.65),
        ];

        var enrolments = new List<(Enrolment Enrolment, double Turnout, int MoodBase)>();
        var n = 0;
        foreach (var (first, last, born, startWeek, turnout) in furesoeParticipants)
        {
            var citizen = Participant(db, departments["Jobcenter Furesø"], first, last, born, "3520", CitizenTargetGroup.OutsideLabourMarketAtRisk, malene.DisplayName, now, 60 - 7 * startWeek, ++n);
            var enrolment = new Enrolment
            {
                Programme = sundere,
                Citizen = citizen,
                ConsultantId = malene.Id,
                StartDate = sundere.StartDate.AddDays(7 * startWeek),
                NextStepTeam = volleyTeam,
                CreatedAtUtc = now.UtcDateTime.AddDays(-(60 - 7 * startWeek)),
                CreatedBy = malene.DisplayName,
                IdempotencyKey = Guid.NewGuid(),
            };
            db.Enrolments.Add(enrolment);
            enrolments.Add((enrolment, turnout, 2 + random.Next(2)));
        }

        // Two moved on to the volleyball club: Lone after six weeks, Mads after seven.
        var movedOn = new[] { (enrolments[0].Enrolment, 6), (enrolments[1].Enrolment, 7) };
        foreach (var (enrolment, weeks) in movedOn)
        {
            enrolment.EndDate = sundere.StartDate.AddDays(7 * weeks - 1);
            enrolment.EndReason = EnrolmentEndReason.JoinedClub;
            enrolment.EndNote = "Spiller nu fast på Motionsvolley i Farum om torsdagen.";
            var visited = Instant(enrolment.EndDate.Value.AddDays(-3), new TimeOnly(19, 0));
            var referral = new Referral
            {
                Citizen = enrolment.Citizen,
                Team = volleyTeam,
                VisitMode = VisitMode.WithProgrammeGroup,
                VisitAtUtc = visited,
                Status = ReferralStatus.Member,
                StatusChangedAtUtc = visited.AddDays(3),
                MemberSinceUtc = visited.AddDays(3),
                CreatedAtUtc = visited.AddDays(-5),
                CreatedBy = malene.DisplayName,
                IdempotencyKey = Guid.NewGuid(),
                History =
                [
                    new() { To = ReferralStatus.Referred, AtUtc = visited.AddDays(-5), By = malene.DisplayName, Reason = "Næste skridt fra Sundere sammen" },
                    new() { From = ReferralStatus.Referred, To = ReferralStatus.Visited, AtUtc = visited.AddHours(2), By = "Foreningen" },
                    new() { From = ReferralStatus.Visited, To = ReferralStatus.Member, AtUtc = visited.AddDays(3), By = "Foreningen" },
                ],
            };
            db.Referrals.Add(referral);
        }

        enrolments[2].Enrolment.Notes.Add(new() { AtUtc = now.UtcDateTime.AddDays(-20), By = malene.DisplayName, Text = "Sara vil gerne prøve volleyball, men er nervøs for at spille kamp. Vi aftaler, at hun ser en træning med Lone først." });
        enrolments[5].Enrolment.Notes.Add(new() { AtUtc = now.UtcDateTime.AddDays(-12), By = malene.DisplayName, Text = "Torben har haft en svær periode; vi holder fast i tirsdagene." });
        enrolments[3].Enrolment.Notes.Add(new() { AtUtc = now.UtcDateTime.AddDays(-6), By = malene.DisplayName, Text = "Per spørger til holdets sommerpause; talt om Rolige cykelture som alternativ." });

        await db.SaveChangesAsync();
        await SessionPlan.EnsureGeneratedAsync(db, sundere.Id, now);

        var sessions = await db.ProgrammeSessions.Where(s => s.ProgrammeId == sundere.Id).OrderBy(s => s.Date).ThenBy(s => s.Start).ToListAsync();
        string[] topics = ["Søvn", "Kost", "Stress", "Motivation og mål"];
        var week = 0;
        foreach (var session in sessions.Where(s => s.Date.DayOfWeek == DayOfWeek.Tuesday && s.Date < today))
        {
            if (week % 2 == 1 && week / 2 < topics.Length)
            {
                session.Topic = topics[week / 2];
                session.TopicNote = $"Kort oplæg og snak om {topics[week / 2].ToLowerInvariant()} efter træningen.";
            }

            week++;
        }

        var cancelled = sessions.Where(s => s.Date.DayOfWeek == DayOfWeek.Thursday && s.Date < today).ElementAtOrDefault(3);
        if (cancelled is not null)
        {
            cancelled.Cancelled = true;
            cancelled.CancelReason = "Hallen bruges til stævne.";
        }

        var index = 0;
        var held = sessions.Where(s => !s.Cancelled && s.Date < today).ToList();
        foreach (var session in held)
        {
            var recorder = session.Date.DayOfWeek == DayOfWeek.Tuesday ? ida : ole;
            foreach (var (enrolment, turnout, moodBase) in enrolments)
            {
                if (session.Date < enrolment.StartDate || (enrolment.EndDate is DateOnly end && session.Date > end))
                {
                    continue;
                }

                session.Attendances.Add(Record(random, enrolment, turnout, Math.Min(5, moodBase + (2 * index / held.Count)), recorder.DisplayName, Instant(session.Date, session.End)));
            }

            index++;
        }

        // --- Høje-Taastrup: the health centre's lifestyle group, twelve weeks, with a group visit.
        var stavgang = teams["Stavgang for alle"];
        var lifestyle = new Programme
        {
            Department = departments["Sundhedscenter Høje-Taastrup"],
            Name = "Livsstilsholdet",
            Kind = ProgrammeKind.LifestyleGroup,
            Description = "Tolv ugers forløb om bevægelse, kost og søvn for borgere med eller i risiko for livsstilssygdom. Holdet besøger en af \"Kom og vær med\"-foreningerne sammen.",
            Venue = venues["Taastrup Kulturhus"],
            ResponsibleConsultantId = hanne.Id,
            StartDate = thisMonday.AddDays(-35),
            Weeks = 12,
            Capacity = 10,
            CreatedAtUtc = now.UtcDateTime.AddDays(-45),
            CreatedBy = hanne.DisplayName,
            Schedules = [new() { Weekday = DayOfWeek.Tuesday, Start = new(10, 0), End = new(11, 30) }],
            Instructors = [new() { UserId = ida.Id }],
        };
        db.Programmes.Add(lifestyle);

        (string First, string Last, int Born)[] lifestyleParticipants =
        [
            ("Grethe", "Poulsen", 1957), ("Henrik", "Mikkelsen", 1966), ("Fatima", "Yilmaz", 1972), ("Erik", "Schmidt", 1960),
            ("Susanne", "Krogh", 1969), ("Bo", "Frandsen", 1955), ("Lise", "Thomsen", 1975), ("Ahmed", "Karimi", 1964),
        ];
        var lifestyleEnrolments = new List<Enrolment>();
        foreach (var (first, last, born) in lifestyleParticipants)
        {
            var citizen = Participant(db, departments["Sundhedscenter Høje-Taastrup"], first, last, born, "2630", CitizenTargetGroup.ChronicIllnessWeakAttachment, hanne.DisplayName, now, 40, ++n);
            var enrolment = new Enrolment
            {
                Programme = lifestyle,
                Citizen = citizen,
                ConsultantId = hanne.Id,
                StartDate = lifestyle.StartDate,
                NextStepTeam = stavgang,
                CreatedAtUtc = now.UtcDateTime.AddDays(-40),
                CreatedBy = hanne.DisplayName,
                IdempotencyKey = Guid.NewGuid(),
            };
            db.Enrolments.Add(enrolment);
            lifestyleEnrolments.Add(enrolment);
        }

        await db.SaveChangesAsync();
        await SessionPlan.EnsureGeneratedAsync(db, lifestyle.Id, now);

        // Last Tuesday the group walked with "Stavgang for alle" instead of training in the hall.
        var visit = await db.ProgrammeSessions.Where(s => s.ProgrammeId == lifestyle.Id && s.Date < today).OrderByDescending(s => s.Date).FirstAsync();
        var teamSlot = stavgang.Schedules.First(s => s.Weekday == visit.Date.DayOfWeek);
        visit.VisitTeamId = stavgang.Id;
        visit.Start = teamSlot.Start;
        visit.End = teamSlot.End;
        visit.TopicNote = "Gruppebesøg hos Taastrup Motionsforening.";
        var lifestyleHeld = await db.ProgrammeSessions.Where(s => s.ProgrammeId == lifestyle.Id && s.Date < today).OrderBy(s => s.Date).ToListAsync();
        foreach (var session in lifestyleHeld)
        {
            foreach (var enrolment in lifestyleEnrolments)
            {
                session.Attendances.Add(Record(random, enrolment, session == visit ? 1.0 : 0.85, 3, ida.DisplayName, Instant(session.Date, session.End)));
            }
        }

        await db.SaveChangesAsync();

        // Four of the eight want to join: referrals to the team, already at "besøgt".
        var visitAt = Instant(visit.Date, visit.Start);
        foreach (var attendance in visit.Attendances.Where(a => a.Status == AttendanceStatus.Present).Take(4))
        {
            var enrolment = lifestyleEnrolments.Single(e => e.Id == attendance.EnrolmentId);
            var referral = new Referral
            {
                CitizenId = enrolment.CitizenId,
                Team = stavgang,
                VisitMode = VisitMode.WithProgrammeGroup,
                VisitAtUtc = visitAt,
                Status = ReferralStatus.Visited,
                StatusChangedAtUtc = visitAt.AddHours(2),
                CreatedAtUtc = visitAt.AddHours(2),
                CreatedBy = ida.DisplayName,
                IdempotencyKey = Guid.NewGuid(),
                History = [new() { To = ReferralStatus.Visited, AtUtc = visitAt.AddHours(2), By = ida.DisplayName, Reason = "Vil gerne være med efter gruppebesøg med Livsstilsholdet" }],
            };
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            attendance.WantsToJoin = true;
            attendance.JoinReferralId = referral.Id;
        }

        await db.SaveChangesAsync();
    }

    private static Citizen Participant(AppDbContext db, Department department, string first, string last, int born, string postal, CitizenTargetGroup group, string by, DateTimeOffset now, int daysAgo, int n)
    {
        var created = now.UtcDateTime.AddDays(-daysAgo);
        var phone = $"6100{n:D4}";
        var citizen = new Citizen
        {
            Department = department,
            FirstName = first,
            LastName = last,
            Phone = phone,
            BirthYear = born,
            PostalCode = postal,
            TargetGroup = group,
            PreferredChannel = ContactChannel.Sms,
            NameKey = SearchText.Normalize($"{first} {last}"),
            PhoneKey = phone,
            CreatedAtUtc = created,
            CreatedBy = by,
            Consents =
            [
                new() { Purpose = ConsentPurpose.ShareWithClub, Method = ConsentMethod.Written, GivenAtUtc = created, GivenBy = by },
                new() { Purpose = ConsentPurpose.Reminders, Method = ConsentMethod.Written, GivenAtUtc = created, GivenBy = by },
                new() { Purpose = ConsentPurpose.Questionnaires, Method = ConsentMethod.Written, GivenAtUtc = created, GivenBy = by },
            ],
        };
        db.Citizens.Add(citizen);
        return citizen;
    }

    private static Attendance Record(Random random, Enrolment enrolment, double turnout, int mood, string by, DateTime at)
    {
        var roll = random.NextDouble();
        var status = roll < turnout ? AttendanceStatus.Present : roll < turnout + (1 - turnout) / 2 ? AttendanceStatus.AbsentWithNotice : AttendanceStatus.Absent;
        var attendance = new Attendance { Enrolment = enrolment, Status = status, RecordedAtUtc = at, RecordedBy = by };
        if (status == AttendanceStatus.Present)
        {
            attendance.CheckInMood = Math.Clamp(mood + random.Next(-1, 2), 1, 5);
            attendance.CheckInWord = random.NextDouble() < 0.4 ? Words[random.Next(Words.Length)] : null;
            var rating = Math.Clamp(4 + random.Next(-2, 2), 1, 5);
            attendance.CheckOutRating = rating;
            attendance.CheckOutReason = random.NextDouble() < 0.5 ? (rating >= 3 ? GoodReasons[random.Next(GoodReasons.Length)] : BadReasons[random.Next(BadReasons.Length)]) : null;
        }

        return attendance;
    }

    private static DateTime Instant(DateOnly date, TimeOnly time) =>
        DanishTime.ToUtc(date, time);
}
