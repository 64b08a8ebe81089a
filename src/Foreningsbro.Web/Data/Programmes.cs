using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

public enum ProgrammeKind
{
    /// <summary>Træningsforløb (Furesø's "Sundere sammen").</summary>
    TrainingProgramme,
    /// <summary>Forløbsprogram (for a chronic illness).</summary>
    CourseProgramme,
    /// <summary>Livsstilshold (a health centre's lifestyle group).</summary>
    LifestyleGroup,
    Other,
}

/// <summary>
/// A municipal group-training programme: a department's group that trains together on a recurring
/// schedule with instructors, and that bridges its participants to club teams.
/// </summary>
public class Programme : IVersioned
{
    public int Id { get; set; }
    /// <summary>The owning department (jobcenter or sundhedscenter); its professionals see the participants' progression.</summary>
    public int DepartmentId { get; set; }
    public Department Department { get; set; } = null!;
    public required string Name { get; set; }
    public ProgrammeKind Kind { get; set; }
    public string? Description { get; set; }
    /// <summary>A catalogue venue, e.g. the volleyball club's hall.</summary>
    public int VenueId { get; set; }
    public Venue Venue { get; set; } = null!;
    /// <summary>The professional responsible for the programme (user id).</summary>
    public string? ResponsibleConsultantId { get; set; }
    public AppUser? ResponsibleConsultant { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>Null: open-ended (participants join and leave continuously).</summary>
    public int? Weeks { get; set; }
    public int Capacity { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
    public List<ProgrammeSchedule> Schedules { get; set; } = [];
    public List<ProgrammeInstructor> Instructors { get; set; } = [];
    public List<Enrolment> Enrolments { get; set; } = [];
    public List<ProgrammeSession> Sessions { get; set; } = [];
}

/// <summary>One weekly slot, e.g. Tuesday 10:00–11:30 (Danish local time).</summary>
public class ProgrammeSchedule
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public DayOfWeek Weekday { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
}

/// <summary>An Instructor user who runs the programme (may be external to the municipality).</summary>
public class ProgrammeInstructor
{
    public int ProgrammeId { get; set; }
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
}

public enum EnrolmentEndReason
{
    Job,
    Education,
    JoinedClub,
    Health,
    StoppedComing,
    Other,
}

/// <summary>
/// A citizen's place on a programme: a referral whose target is a programme rather than a team
/// (see docs/adr). Open-ended unless the programme has a fixed number of weeks.
/// </summary>
public class Enrolment : IVersioned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int CitizenId { get; set; }
    public Citizen Citizen { get; set; } = null!;
    /// <summary>The consultant who follows this participant's progression (user id); defaults to the referring professional.</summary>
    public string? ConsultantId { get; set; }
    public AppUser? Consultant { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>Set when the enrolment ends; the last day the participant belonged to the programme.</summary>
    public DateOnly? EndDate { get; set; }
    public EnrolmentEndReason? EndReason { get; set; }
    public string? EndNote { get; set; }
    /// <summary>"Næste skridt": the club team the participant works towards, visible from day one.</summary>
    public int? NextStepTeamId { get; set; }
    public Team? NextStepTeam { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>From a hidden field of the form: a second submit of the same form hits the unique index.</summary>
    public Guid IdempotencyKey { get; set; }
    public int Version { get; set; }
    public List<ProgressNote> Notes { get; set; } = [];
}

/// <summary>A consultant's note on a participant's progression (not visible to instructors).</summary>
public class ProgressNote
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string By { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// One training. Generated from the programme's schedule (ScheduledDate/ScheduledStart keep the
/// slot it came from, so generating again never duplicates it); can be moved, cancelled, given a
/// topic, or held as a group visit to a catalogue team.
/// </summary>
public class ProgrammeSession : IVersioned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    /// <summary>When it takes place (Danish local date and times).</summary>
    public DateOnly Date { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    /// <summary>The schedule slot it was generated from; null for an extra session.</summary>
    public DateOnly? ScheduledDate { get; set; }
    public TimeOnly? ScheduledStart { get; set; }
    public bool Cancelled { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>A theme for the session (søvn, kost, stress, ...).</summary>
    public string? Topic { get; set; }
    public string? TopicNote { get; set; }
    /// <summary>Set when the session is held as a group visit to this catalogue team.</summary>
    public int? VisitTeamId { get; set; }
    public Team? VisitTeam { get; set; }
    public int Version { get; set; }
    public List<Attendance> Attendances { get; set; } = [];
}

public enum AttendanceStatus
{
    Present,
    Absent,
    AbsentWithNotice,
}

/// <summary>
/// One participant at one session: attendance, the check-in (how do you feel today) and the
/// check-out (how was today's training, and why). A row exists once anything is recorded.
/// </summary>
public class Attendance : IVersioned
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment Enrolment { get; set; } = null!;
    public AttendanceStatus Status { get; set; }
    /// <summary>1 (very bad) to 5 (very good), the five faces.</summary>
    public int? CheckInMood { get; set; }
    public string? CheckInWord { get; set; }
    /// <summary>1 to 5: the participant's rating of today's training.</summary>
    public int? CheckOutRating { get; set; }
    /// <summary>"Hvorfor var træningen god eller dårlig?" in the participant's own words.</summary>
    public string? CheckOutReason { get; set; }
    /// <summary>At a group visit: the participant wants to join the visited team.</summary>
    public bool WantsToJoin { get; set; }
    /// <summary>The referral "wants to join" created (at status Visited), so it is created once.</summary>
    public int? JoinReferralId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public required string RecordedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>The programme part of the model (called from AppDbContext.OnModelCreating).</summary>
internal static class ProgrammeModel
{
    public const int WordLength = 50;
    public const int ReasonLength = 1000;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Programme>(p =>
        {
            p.Property(x => x.Name).HasMaxLength(Limits.Name);
            p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            p.Property(x => x.Description).HasMaxLength(Limits.Text);
            p.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
            p.HasOne(x => x.Venue).WithMany().OnDelete(DeleteBehavior.Restrict);
            p.HasOne(x => x.ResponsibleConsultant).WithMany().HasForeignKey(x => x.ResponsibleConsultantId).OnDelete(DeleteBehavior.SetNull);
            p.HasMany(x => x.Schedules).WithOne().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
            p.HasMany(x => x.Instructors).WithOne().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
            p.HasMany(x => x.Enrolments).WithOne(x => x.Programme).HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
            p.HasMany(x => x.Sessions).WithOne(x => x.Programme).HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => new { x.DepartmentId, x.Name });
        });

        builder.Entity<ProgrammeInstructor>(i =>
        {
            i.HasKey(x => new { x.ProgrammeId, x.UserId });
            i.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            // "My programmes" for an instructor.
            i.HasIndex(x => x.UserId);
        });

        builder.Entity<Enrolment>(e =>
        {
            e.Property(x => x.EndReason).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.EndNote).HasMaxLength(ReasonLength);
            e.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.ProgrammeId, x.EndDate });
            e.HasOne(x => x.Citizen).WithMany().HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Consultant).WithMany().HasForeignKey(x => x.ConsultantId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.NextStepTeam).WithMany().HasForeignKey(x => x.NextStepTeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Notes).WithOne().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProgressNote>(n =>
        {
            n.Property(x => x.By).HasMaxLength(Limits.Name);
            n.Property(x => x.Text).HasMaxLength(Limits.Text);
        });

        builder.Entity<ProgrammeSession>(s =>
        {
            s.Property(x => x.CancelReason).HasMaxLength(500);
            s.Property(x => x.Topic).HasMaxLength(100);
            s.Property(x => x.TopicNote).HasMaxLength(ReasonLength);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.HasOne(x => x.VisitTeam).WithMany().HasForeignKey(x => x.VisitTeamId).OnDelete(DeleteBehavior.SetNull);
            s.HasMany(x => x.Attendances).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            // Generating sessions twice (or from two requests at once) cannot duplicate a slot.
            s.HasIndex(x => new { x.ProgrammeId, x.ScheduledDate, x.ScheduledStart }).IsUnique();
            s.HasIndex(x => new { x.ProgrammeId, x.Date });
        });

        builder.Entity<Attendance>(a =>
        {
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.CheckInWord).HasMaxLength(WordLength);
            a.Property(x => x.CheckOutReason).HasMaxLength(ReasonLength);
            a.Property(x => x.RecordedBy).HasMaxLength(Limits.Name);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasOne(x => x.Enrolment).WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<Referral>().WithMany().HasForeignKey(x => x.JoinReferralId).OnDelete(DeleteBehavior.SetNull);
            // One row per participant per session: two devices recording at once meet here.
            a.HasIndex(x => new { x.SessionId, x.EnrolmentId }).IsUnique();
            a.HasIndex(x => x.EnrolmentId);
        });
    }
}
