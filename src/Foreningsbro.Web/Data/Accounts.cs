using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>A user's role, with when it was given, so a coordinator sees who has which role and since when (issue 11).</summary>
public class AppUserRole : IdentityUserRole<string>
{
    /// <summary>Null for roles given before user administration existed (demo data, older databases).</summary>
    public DateTime? GrantedAtUtc { get; set; }
}

public enum AccountLinkPurpose
{
    /// <summary>An invited user sets their first password.</summary>
    Invitation,
    /// <summary>"Glemt adgangskode?": a user sets a new password.</summary>
    PasswordReset,
}

/// <summary>
/// A one-time, expiring link to set a password. Only a SHA-256 hash of the token is stored, so the
/// table (or a backup of it) cannot be used to take over an account; the token itself exists only in
/// the e-mail (or the first-run command's output). Used once: UsedAtUtc is set by a guarded update.
/// </summary>
public class AccountLink
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public AccountLinkPurpose Purpose { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}

/// <summary>
/// One administrative change: who did what to whom, when. Never a password, token or link. Rows of a
/// municipality's users carry its id, so its coordinators see them; the national administrator sees all.
/// </summary>
public class AuditLogEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>Null when the first-run command did it.</summary>
    public string? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public int? MunicipalityId { get; set; }
    public required string Action { get; set; }
    public string? TargetUserId { get; set; }
    public string? TargetName { get; set; }
    public required string Details { get; set; }
}

internal static class AccountsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AccountLink>(l =>
        {
            l.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
            l.Property(x => x.TokenHash).HasMaxLength(64);
            l.HasIndex(x => x.TokenHash).IsUnique();
            l.HasIndex(x => x.UserId);
            l.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditLogEntry>(a =>
        {
            a.Property(x => x.ActorUserId).HasMaxLength(100);
            a.Property(x => x.ActorName).HasMaxLength(Limits.Name);
            a.Property(x => x.Action).HasMaxLength(50);
            a.Property(x => x.TargetUserId).HasMaxLength(100);
            a.Property(x => x.TargetName).HasMaxLength(Limits.Name);
            a.Property(x => x.Details).HasMaxLength(Limits.Reason);
            a.HasIndex(x => new { x.MunicipalityId, x.AtUtc });
            a.HasIndex(x => x.AtUtc);
        });
    }
}
