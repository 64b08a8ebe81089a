using Foreningsbro.Web.Features.Catalogue;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>The citizen groups the two municipal practices work with.</summary>
public enum CitizenTargetGroup
{
    /// <summary>Uden for arbejdsmarkedet i risiko for livsstilssygdom.</summary>
    OutsideLabourMarketAtRisk,
    /// <summary>Kronisk sygdom med svag tilknytning til arbejdsmarkedet.</summary>
    ChronicIllnessWeakAttachment,
    Other,
}

public enum ContactChannel
{
    Sms,
    Email,
    Phone,
    DoNotContact,
}

/// <summary>
/// A citizen in a bridging case. Deliberately minimal (data minimisation, GDPR art. 5 and 9):
/// no CPR number, no address beyond the postal code.
/// </summary>
public class Citizen
{
    public int Id { get; set; }
    /// <summary>The department that owns the case; its professionals are the ones who may see the citizen.</summary>
    public int DepartmentId { get; set; }
    public Department Department { get; set; } = null!;
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public int BirthYear { get; set; }
    public required string PostalCode { get; set; }
    public CitizenTargetGroup TargetGroup { get; set; }
    public ContactChannel PreferredChannel { get; set; }
    /// <summary>Normalised full name, for the duplicate check (see SearchText.Normalize).</summary>
    public string NameKey { get; set; } = "";
    /// <summary>The phone number's last eight digits, for the duplicate check.</summary>
    public string? PhoneKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The creating form's or API client's key: the same key sent again finds this citizen instead of making a second (issue 14).</summary>
    public Guid? IdempotencyKey { get; set; }
    public List<Consent> Consents { get; set; } = [];
    public List<Conversation> Conversations { get; set; } = [];
    public List<Referral> Referrals { get; set; } = [];
}

public enum ConsentPurpose
{
    /// <summary>Share first name, phone and needs with the club the citizen is referred to.</summary>
    ShareWithClub,
    /// <summary>Confirmations and reminders by SMS or e-mail.</summary>
    Reminders,
    Questionnaires,
}

public enum ConsentMethod
{
    Verbal,
    Written,
}

/// <summary>One consent for one purpose. A withdrawal keeps the row (the history is evidence); a new consent is a new row.</summary>
public class Consent
{
    public int Id { get; set; }
    public int CitizenId { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public ConsentMethod Method { get; set; }
    public DateTime GivenAtUtc { get; set; }
    public required string GivenBy { get; set; }
    public DateTime? WithdrawnAtUtc { get; set; }
    public string? WithdrawnBy { get; set; }
}

public enum ConversationKind
{
    Clarifying,
    FollowUp,
}

public enum Company
{
    Alone,
    WithOthers,
    NoPreference,
}

[Flags]
public enum Barriers
{
    None = 0,
    Transport = 1,
    Money = 2,
    NewPeople = 4,
    HealthLimits = 8,
    Time = 16,
}

/// <summary>A clarifying or follow-up conversation: a short structured part that drives the team suggestions, and a free note.</summary>
public class Conversation
{
    public int Id { get; set; }
    public int CitizenId { get; set; }
    public ConversationKind Kind { get; set; }
    public DateTime HeldAtUtc { get; set; }
    public required string HeldBy { get; set; }
    /// <summary>Activities the citizen likes or used to do (ids from the managed Activity list).</summary>
    public List<int> LikedActivityIds { get; set; } = [];
    public List<DayOfWeek> PreferredDays { get; set; } = [];
    public List<TimeOfDay> PreferredTimes { get; set; } = [];
    public Company Company { get; set; }
    public Intensity? Intensity { get; set; }
    public Barriers Barriers { get; set; }
    /// <summary>1 (low) to 5 (high).</summary>
    public int Motivation { get; set; }
    /// <summary>The answer to "Hvilken forening kunne du forestille dig at starte i?".</summary>
    public string? ImaginedClub { get; set; }
    public string? Note { get; set; }
}

public enum ReferralStatus
{
    Referred,
    VisitScheduled,
    Visited,
    NoShow,
    Member,
    Active3Months,
    Active6Months,
    Closed,
}

public enum VisitMode
{
    Alone,
    WithProfessional,
    WithBuddy,
    WithProgrammeGroup,
}

public class Referral : IVersioned
{
    public int Id { get; set; }
    public int CitizenId { get; set; }
    public Citizen Citizen { get; set; } = null!;
    public int TeamId { get; set; }
    public Team Team { get; set; } = null!;
    public VisitMode VisitMode { get; set; }
    /// <summary>The first visit, as a UTC instant.</summary>
    public DateTime VisitAtUtc { get; set; }
    /// <summary>What the club should know to receive the citizen well; shown to the club only with consent.</summary>
    public string? NeedsForClub { get; set; }
    public ReferralStatus Status { get; set; }
    public DateTime StatusChangedAtUtc { get; set; }
    public DateTime? MemberSinceUtc { get; set; }
    public int? ClosingReasonId { get; set; }
    public ClosingReason? ClosingReason { get; set; }
    /// <summary>The referral this one follows when a citizen is re-referred to another team.</summary>
    public int? PreviousReferralId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>From a hidden field of the referral form: a second submit of the same form hits the unique index.</summary>
    public Guid IdempotencyKey { get; set; }
    public int Version { get; set; }
    public List<ReferralStatusChange> History { get; set; } = [];
}

/// <summary>Who changed a referral's status, when and why.</summary>
public class ReferralStatusChange
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public ReferralStatus? From { get; set; }
    public ReferralStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public required string By { get; set; }
    public string? Reason { get; set; }
    public int? ClosingReasonId { get; set; }
}

/// <summary>A managed list: why a referral ended (passede ikke, helbred, ...).</summary>
public class ClosingReason
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>"Andet": the professional must write the reason.</summary>
    public bool RequiresText { get; set; }
    public int SortOrder { get; set; }
    public bool Archived { get; set; }
}

/// <summary>One view of a citizen's record, or one list or search that returned citizens.</summary>
public class AccessLogEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public int? CitizenId { get; set; }
    /// <summary>For lists and searches: what was searched for, and how many citizens it returned.</summary>
    public string? Search { get; set; }
    public int? ResultCount { get; set; }
    public required string View { get; set; }
}

public enum MessageChannel
{
    Email,
    Sms,
}

public enum MessageKind
{
    VisitConfirmation,
    VisitReminder,
    ClubNotice,
    /// <summary>To a staff member: the invitation with a link to set a password. Its body is never shown in the outbox.</summary>
    StaffInvitation,
    /// <summary>To a staff member: a link to set a new password. Its body is never shown in the outbox.</summary>
    PasswordReset,
    /// <summary>To a citizen: the link to their own page. Its body (the link) is never shown in the outbox and is blanked once sent.</summary>
    CitizenLink,
    /// <summary>To a citizen: questionnaires are due, with their link. Body hidden and blanked as for <see cref="CitizenLink"/>.</summary>
    QuestionnaireInvitation,
    /// <summary>The one reminder of a questionnaire invitation; cancelled if the citizen has answered by then.</summary>
    QuestionnaireReminder,
    /// <summary>To a club contact or instructor: a participant has said they cannot come.</summary>
    CantComeNotice,
}

public enum MessageStatus
{
    Pending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>
/// A message written in the same transaction as the change that causes it (transactional outbox);
/// the dispatcher claims and sends it later.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public MessageChannel Channel { get; set; }
    public MessageKind Kind { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public int? CitizenId { get; set; }
    /// <summary>
    /// For a message about no citizen (a group visit's notice to a club): the municipality it is sent
    /// for, whose coordinators see it in the outbox. A message about a citizen belongs to the citizen's
    /// municipality (through the department) and leaves this empty.
    /// </summary>
    public int? MunicipalityId { get; set; }
    public int? ReferralId { get; set; }
    public Referral? Referral { get; set; }
    /// <summary>The consent the message depends on; checked again right before sending.</summary>
    public ConsentPurpose? RequiresConsent { get; set; }
    public MessageStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>
    /// Not sent before this instant (reminders wait until the day before the visit). After a failed
    /// attempt it holds the first attempt's time, from which the retry window counts (OutboxDispatch.NextAttempt).
    /// </summary>
    public DateTime NotBeforeUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The bridging part of the model (called from AppDbContext.OnModelCreating).</summary>
internal static class BridgingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Citizen>(c =>
        {
            c.Property(x => x.FirstName).HasMaxLength(Limits.PersonName);
            c.Property(x => x.LastName).HasMaxLength(Limits.PersonName);
            c.Property(x => x.Phone).HasMaxLength(Limits.Phone);
            c.Property(x => x.Email).HasMaxLength(Limits.Email);
            c.Property(x => x.PostalCode).HasMaxLength(4);
            c.Property(x => x.TargetGroup).HasConversion<string>().HasMaxLength(40);
            c.Property(x => x.PreferredChannel).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.NameKey).HasMaxLength(Limits.Name);
            c.Property(x => x.PhoneKey).HasMaxLength(8);
            c.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            c.HasIndex(x => x.IdempotencyKey).IsUnique();
            c.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
            c.HasMany(x => x.Consents).WithOne().HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Conversations).WithOne().HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Referrals).WithOne(x => x.Citizen).HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
            // Every citizen query is scoped to a department first.
            c.HasIndex(x => new { x.DepartmentId, x.NameKey });
            c.HasIndex(x => x.PhoneKey);
        });

        builder.Entity<Consent>(c =>
        {
            c.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.GivenBy).HasMaxLength(Limits.Name);
            c.Property(x => x.WithdrawnBy).HasMaxLength(Limits.Name);
        });

        builder.Entity<Conversation>(c =>
        {
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Company).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Intensity).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.HeldBy).HasMaxLength(Limits.Name);
            c.Property(x => x.ImaginedClub).HasMaxLength(Limits.Name);
            c.Property(x => x.Note).HasMaxLength(Limits.Text);
        });

        builder.Entity<Referral>(r =>
        {
            r.Property(x => x.VisitMode).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.NeedsForClub).HasMaxLength(Limits.NeedsForClub);
            r.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasIndex(x => x.IdempotencyKey).IsUnique();
            r.HasIndex(x => new { x.TeamId, x.VisitAtUtc });
            // At most one open referral per citizen and team, whoever submits at once (ADR 0012). Status is stored
            // by name, and both providers quote "Status" the same, so one filter serves both.
            r.HasIndex(x => new { x.CitizenId, x.TeamId }).IsUnique().HasFilter("\"Status\" <> 'Closed'");
            // EF would let the filtered index stand in for the foreign key's, but it holds no closed referrals.
            r.HasIndex(x => x.CitizenId);
            r.HasIndex(x => new { x.Status, x.StatusChangedAtUtc });
            r.HasOne(x => x.Team).WithMany().OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.ClosingReason).WithMany().OnDelete(DeleteBehavior.Restrict);
            r.HasOne<Referral>().WithMany().HasForeignKey(x => x.PreviousReferralId).OnDelete(DeleteBehavior.SetNull);
            r.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReferralStatusChange>(h =>
        {
            h.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.By).HasMaxLength(Limits.Name);
            h.Property(x => x.Reason).HasMaxLength(Limits.Reason);
            h.HasOne<ClosingReason>().WithMany().HasForeignKey(x => x.ClosingReasonId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ClosingReason>(c =>
        {
            c.Property(x => x.Name).HasMaxLength(100);
            c.HasIndex(x => x.Name).IsUnique();
        });

        builder.Entity<AccessLogEntry>(a =>
        {
            a.Property(x => x.UserId).HasMaxLength(100);
            a.Property(x => x.UserName).HasMaxLength(Limits.Name);
            a.Property(x => x.Search).HasMaxLength(500);
            a.Property(x => x.View).HasMaxLength(100);
            a.HasIndex(x => new { x.CitizenId, x.AtUtc });
            a.HasIndex(x => x.AtUtc);
        });

        builder.Entity<OutboxMessage>(m =>
        {
            m.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
            m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.RequiresConsent).HasConversion<string>().HasMaxLength(30);
            m.Property(x => x.To).HasMaxLength(Limits.Email);
            m.Property(x => x.Subject).HasMaxLength(300);
            m.Property(x => x.Body).HasMaxLength(Limits.Text);
            m.Property(x => x.ClaimedBy).HasMaxLength(100);
            m.Property(x => x.LastError).HasMaxLength(1000);
            // The dispatcher's query: pending messages that are due.
            m.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
            m.HasIndex(x => x.CitizenId);
            m.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            m.HasOne(x => x.Referral).WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
