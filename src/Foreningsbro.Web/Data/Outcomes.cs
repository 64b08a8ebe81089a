using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>Who entered a questionnaire's answers: a professional with the citizen, or the citizen through their own link.</summary>
public enum ResponseSource
{
    Professional,
    CitizenLink,
}

/// <summary>
/// The answers to one instrument (WHO-5, GSE, …) at one measurement point (0 = baseline, then months
/// after the start), with the instrument's version, so a later change of wording never re-reads old
/// answers. One row per citizen, instrument and point: a second submit meets the unique index.
/// </summary>
public class QuestionnaireResponse
{
    public long Id { get; set; }
    public int CitizenId { get; set; }
    public Citizen Citizen { get; set; } = null!;
    /// <summary>The instrument's code (Features/Outcomes/Instruments.cs): who5, gse, ucla3, health, activity, labour.</summary>
    public required string Instrument { get; set; }
    public int InstrumentVersion { get; set; }
    /// <summary>The measurement point: 0 is the baseline, 3, 6 and 12 the months after the start (per municipality).</summary>
    public int Months { get; set; }
    public DateTime AnsweredAtUtc { get; set; }
    public ResponseSource Source { get; set; }
    /// <summary>The professional who entered it with the citizen; null when the citizen answered through the link.</summary>
    public string? EnteredByUserId { get; set; }
    public required string EnteredBy { get; set; }
    /// <summary>The referral or enrolment the measurement belongs to (the start of the schedule).</summary>
    public int? ReferralId { get; set; }
    public int? EnrolmentId { get; set; }
    /// <summary>"3;4;;5;2": one place per item, empty for a missing answer (Instruments.Format).</summary>
    public required string Answers { get; set; }
    /// <summary>The score by the instrument's rule; null when it cannot be scored (a missing answer).</summary>
    public double? Score { get; set; }
}

/// <summary>
/// A citizen's personal link to their own page (/mig/{token}), with no account. Only a SHA-256 hash of
/// the token is stored; the token exists in the message that carried it. Expires, can be revoked.
/// </summary>
public class CitizenLink
{
    public long Id { get; set; }
    public int CitizenId { get; set; }
    public Citizen Citizen { get; set; } = null!;
    public required string TokenHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
}

public enum CitizenRequestKind
{
    /// <summary>"Jeg kan ikke komme" to a visit or a training.</summary>
    CantCome,
    /// <summary>"Ring mig op".</summary>
    CallMe,
    /// <summary>"Hvordan var det?": a rating 1–5 of a visit or training, and why.</summary>
    Rating,
}

/// <summary>What a citizen said from their own page. "Can't come" and "call me" are tasks for the professional until handled.</summary>
public class CitizenRequest
{
    public long Id { get; set; }
    public int CitizenId { get; set; }
    public Citizen Citizen { get; set; } = null!;
    public CitizenRequestKind Kind { get; set; }
    public int? ReferralId { get; set; }
    public int? SessionId { get; set; }
    public DateTime AtUtc { get; set; }
    public int? Rating { get; set; }
    public string? Reason { get; set; }
    public DateTime? HandledAtUtc { get; set; }
    public string? HandledBy { get; set; }
}

internal static class OutcomesModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<QuestionnaireResponse>(r =>
        {
            r.Property(x => x.Instrument).HasMaxLength(20);
            r.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.EnteredByUserId).HasMaxLength(100);
            r.Property(x => x.EnteredBy).HasMaxLength(Limits.Name);
            r.Property(x => x.Answers).HasMaxLength(200);
            r.HasOne(x => x.Citizen).WithMany().HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
            r.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.SetNull);
            r.HasOne<Enrolment>().WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.SetNull);
            // One answer per instrument and point: a double submit, or two devices at once, meet here.
            r.HasIndex(x => new { x.CitizenId, x.Instrument, x.Months }).IsUnique();
        });

        builder.Entity<CitizenLink>(l =>
        {
            l.Property(x => x.TokenHash).HasMaxLength(64);
            l.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            l.HasIndex(x => x.TokenHash).IsUnique();
            l.HasIndex(x => x.CitizenId);
            l.HasOne(x => x.Citizen).WithMany().HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CitizenRequest>(q =>
        {
            q.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            q.Property(x => x.Reason).HasMaxLength(Limits.Reason);
            q.Property(x => x.HandledBy).HasMaxLength(Limits.Name);
            q.HasOne(x => x.Citizen).WithMany().HasForeignKey(x => x.CitizenId).OnDelete(DeleteBehavior.Cascade);
            q.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.SetNull);
            q.HasOne<ProgrammeSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
            q.HasIndex(x => new { x.CitizenId, x.AtUtc });
            q.HasIndex(x => x.HandledAtUtc);
        });
    }
}
