using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>
/// A small programme built inside the test, so every expected number can be worked out by hand.
/// Jobcenter Furesø (Malene's department), instructor Ole only (so Ida is not one of its instructors),
/// no schedule (nothing is generated behind the test's back). AppFactory.Now is Monday 16 Nov 2026 09:00.
///
///   session            Anna (from 26/10)          Bent (26/10–6/11)        Cecilie (from 4/11)
///   S1 Tue 27/10 Søvn   Present mood 3 rating 4 "A"  Present 2 / 2 "For hårdt"  –
///   S2 Thu 29/10        Present 4 / 5 (no reason)   Absent with notice         –
///   S3 Tue  3/11        cancelled
///   S4 Thu  5/11 Kost   Absent                       Present 3 / 3 "Helt okay"  Present 4 / 4 "Rart hold"
///   S5 Tue 10/11        Present 5 / 4 "Bedste ..."   (ended)                    nothing recorded
///   S6 Tue 17/11        future: counts for nothing
/// </summary>
public sealed record ProgressionProgramme(int ProgrammeId, string Name, int Anna, int Bent, int Cecilie, int AnnaCitizen, int[] Sessions, string Surname)
{
    public static readonly DateOnly Start = new(2026, 10, 26);

    public static async Task<ProgressionProgramme> CreateAsync(AppFactory app)
    {
        var surname = "Progressen" + Guid.NewGuid().ToString("N")[..6];
        return await app.WithDb(async db =>
        {
            var department = await db.Departments.SingleAsync(d => d.Name == "Jobcenter Furesø");
            var venue = await db.Venues.FirstAsync(v => v.Name == "Farum Volleyballhal");
            var ole = await db.Users.SingleAsync(u => u.Email == DemoUsers.OtherInstructor);
            var malene = await db.Users.SingleAsync(u => u.Email == DemoUsers.FuresoeProfessional);
            var volley = await db.Teams.SingleAsync(t => t.Title == "Motionsvolley i Farum");
            var programme = new Programme
            {
                DepartmentId = department.Id,
                Name = "Testforløb " + Guid.NewGuid().ToString("N")[..8],
                Kind = ProgrammeKind.TrainingProgramme,
                VenueId = venue.Id,
                ResponsibleConsultantId = malene.Id,
                StartDate = Start,
                Capacity = 10,
                CreatedAtUtc = AppFactory.Now.UtcDateTime.AddDays(-30),
                CreatedBy = "Test",
                Instructors = [new() { UserId = ole.Id }],
            };
            db.Programmes.Add(programme);

            Enrolment Enrol(string first, DateOnly start, DateOnly? end)
            {
                var citizen = new Citizen
                {
                    DepartmentId = department.Id,
                    FirstName = first,
                    LastName = surname,
                    BirthYear = 1980,
                    PostalCode = "3520",
                    TargetGroup = CitizenTargetGroup.OutsideLabourMarketAtRisk,
                    NameKey = SearchText.Normalize($"{first} {surname}"),
                    CreatedAtUtc = AppFactory.Now.UtcDateTime.AddDays(-30),
                    CreatedBy = "Test",
                };
                var enrolment = new Enrolment
                {
                    Programme = programme,
                    Citizen = citizen,
                    ConsultantId = malene.Id,
                    StartDate = start,
                    EndDate = end,
                    EndReason = end is null ? null : EnrolmentEndReason.StoppedComing,
                    NextStepTeamId = volley.Id,
                    CreatedAtUtc = AppFactory.Now.UtcDateTime.AddDays(-30),
                    CreatedBy = "Test",
                    IdempotencyKey = Guid.NewGuid(),
                };
                db.Enrolments.Add(enrolment);
                return enrolment;
            }

            var anna = Enrol("Anna", Start, null);
            var bent = Enrol("Bent", Start, new DateOnly(2026, 11, 6));
            var cecilie = Enrol("Cecilie", new DateOnly(2026, 11, 4), null);
            anna.Notes.Add(new() { AtUtc = AppFactory.Now.UtcDateTime.AddDays(-10), By = "Malene", Text = "Ældre note om Anna" });
            anna.Notes.Add(new() { AtUtc = AppFactory.Now.UtcDateTime.AddDays(-2), By = "Malene", Text = "Nyere note om Anna" });

            ProgrammeSession Session(int month, int day, string? topic = null, bool cancelled = false)
            {
                var date = new DateOnly(2026, month, day);
                var s = new ProgrammeSession { Programme = programme, Date = date, Start = new(10, 0), End = new(11, 30), ScheduledDate = date, ScheduledStart = new(10, 0), Topic = topic, Cancelled = cancelled };
                db.ProgrammeSessions.Add(s);
                return s;
            }

            var s1 = Session(10, 27, "Søvn");
            var s2 = Session(10, 29);
            var s3 = Session(11, 3, cancelled: true);
            var s4 = Session(11, 5, "Kost");
            var s5 = Session(11, 10);
            var s6 = Session(11, 17, "Stress");

            void Mark(ProgrammeSession s, Enrolment e, AttendanceStatus status, int? mood = null, int? rating = null, string? reason = null, string? word = null) =>
                s.Attendances.Add(new Attendance { Enrolment = e, Status = status, CheckInMood = mood, CheckInWord = word, CheckOutRating = rating, CheckOutReason = reason, RecordedAtUtc = AppFactory.Now.UtcDateTime, RecordedBy = "Ole" });

            Mark(s1, anna, AttendanceStatus.Present, 3, 4, "Godt at komme i gang.", "spændt");
            Mark(s1, bent, AttendanceStatus.Present, 2, 2, "For hårdt.");
            Mark(s2, anna, AttendanceStatus.Present, 4, 5);
            Mark(s2, bent, AttendanceStatus.AbsentWithNotice);
            Mark(s4, anna, AttendanceStatus.Absent);
            Mark(s4, bent, AttendanceStatus.Present, 3, 3, "Helt okay.");
            Mark(s4, cecilie, AttendanceStatus.Present, 4, 4, "Rart hold.");
            Mark(s5, anna, AttendanceStatus.Present, 5, 4, "Bedste gang til nu.");
            await db.SaveChangesAsync();

            // Anna's next step: she has visited the volleyball team.
            var visit = new DateTime(2026, 11, 12, 18, 0, 0, DateTimeKind.Utc);
            db.Referrals.Add(new Referral
            {
                CitizenId = anna.CitizenId,
                TeamId = volley.Id,
                VisitMode = VisitMode.WithProgrammeGroup,
                VisitAtUtc = visit,
                Status = ReferralStatus.Visited,
                StatusChangedAtUtc = visit,
                CreatedAtUtc = visit.AddDays(-3),
                CreatedBy = "Malene",
                IdempotencyKey = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
            return new ProgressionProgramme(programme.Id, programme.Name, anna.Id, bent.Id, cecilie.Id, anna.CitizenId, [s1.Id, s2.Id, s3.Id, s4.Id, s5.Id, s6.Id], surname);
        });
    }
}
