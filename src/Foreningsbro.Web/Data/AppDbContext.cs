using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>
/// The one DbContext. Two thin subclasses (see Data/Migrations) only key the migrations of each
/// database provider; every feature asks for AppDbContext.
/// </summary>
public class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole, string, IdentityUserClaim<string>, AppUserRole, IdentityUserLogin<string>, IdentityRoleClaim<string>, IdentityUserToken<string>>(options), IDataProtectionKeyContext
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Club> Clubs => Set<Club>();
    public DbSet<ClubContactPerson> ClubContactPersons => Set<ClubContactPerson>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamSchedule> TeamSchedules => Set<TeamSchedule>();
    public DbSet<TeamBreak> TeamBreaks => Set<TeamBreak>();
    public DbSet<Citizen> Citizens => Set<Citizen>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralStatusChange> ReferralStatusChanges => Set<ReferralStatusChange>();
    public DbSet<ClosingReason> ClosingReasons => Set<ClosingReason>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeSchedule> ProgrammeSchedules => Set<ProgrammeSchedule>();
    public DbSet<ProgrammeInstructor> ProgrammeInstructors => Set<ProgrammeInstructor>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<ProgressNote> ProgressNotes => Set<ProgressNote>();
    public DbSet<ProgrammeSession> ProgrammeSessions => Set<ProgrammeSession>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<QuestionnaireResponse> QuestionnaireResponses => Set<QuestionnaireResponse>();
    public DbSet<CitizenLink> CitizenLinks => Set<CitizenLink>();
    public DbSet<CitizenRequest> CitizenRequests => Set<CitizenRequest>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>The data-protection key ring, shared by every app instance (Infrastructure/KeyRing.cs).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<UserSession>(s =>
        {
            s.Property(x => x.Id).HasMaxLength(64);
            s.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            s.HasIndex(x => x.UserId);
        });

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.KioskPinHash).HasMaxLength(200);
            // Unique: the hash is how a calendar program's request (no cookie) finds its user.
            u.Property(x => x.CalendarFeedTokenHash).HasMaxLength(64);
            u.HasIndex(x => x.CalendarFeedTokenHash).IsUnique();
            u.HasOne(x => x.Municipality).WithMany().OnDelete(DeleteBehavior.Restrict);
            u.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
            u.HasOne(x => x.Club).WithMany().OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Municipality>(m =>
        {
            m.Property(x => x.Name).HasMaxLength(100);
            m.Property(x => x.FollowUpMonths).HasMaxLength(50);
            m.HasIndex(x => x.Code).IsUnique();
        });

        builder.Entity<Department>(d =>
        {
            d.Property(x => x.Name).HasMaxLength(200);
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        });

        builder.Entity<Club>(c =>
        {
            c.Property(x => x.Name).HasMaxLength(Limits.Name);
            c.Property(x => x.Cvr).HasMaxLength(8);
            c.Property(x => x.Address).HasMaxLength(Limits.Address);
            c.Property(x => x.PostalCode).HasMaxLength(4);
            c.Property(x => x.Town).HasMaxLength(Limits.Town);
            c.Property(x => x.Website).HasMaxLength(Limits.Url);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => x.Name);
            c.HasMany(x => x.ContactPersons).WithOne().HasForeignKey(x => x.ClubId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ClubContactPerson>(p =>
        {
            p.Property(x => x.Name).HasMaxLength(Limits.Name);
            p.Property(x => x.Role).HasMaxLength(100);
            p.Property(x => x.Phone).HasMaxLength(Limits.Phone);
            p.Property(x => x.Email).HasMaxLength(Limits.Email);
        });

        builder.Entity<Venue>(v =>
        {
            v.Property(x => x.Name).HasMaxLength(Limits.Name);
            v.Property(x => x.Address).HasMaxLength(Limits.Address);
            v.Property(x => x.PostalCode).HasMaxLength(4);
            v.Property(x => x.Town).HasMaxLength(Limits.Town);
            v.Property(x => x.AccessibilityNotes).HasMaxLength(Limits.Text);
            v.Property(x => x.Version).IsConcurrencyToken();
            v.Property(x => x.TownKey).HasMaxLength(Limits.Town);
            v.HasIndex(x => x.PostalCode);
            v.HasIndex(x => x.TownKey);
        });

        builder.Entity<Activity>(a =>
        {
            a.Property(x => x.Name).HasMaxLength(100);
            a.HasIndex(x => x.Name).IsUnique();
        });

        builder.Entity<TargetGroup>(g =>
        {
            g.Property(x => x.Name).HasMaxLength(100);
            g.HasIndex(x => x.Name).IsUnique();
        });

        builder.Entity<Team>(t =>
        {
            t.Property(x => x.Title).HasMaxLength(Limits.Name);
            t.Property(x => x.Description).HasMaxLength(Limits.Text);
            t.Property(x => x.FirstTime).HasMaxLength(Limits.Text);
            t.Property(x => x.TypicalParticipants).HasMaxLength(500);
            t.Property(x => x.Intensity).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.GenderMix).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.PricePerSeason).HasPrecision(10, 2);
            t.Property(x => x.ContactName).HasMaxLength(Limits.Name);
            t.Property(x => x.ContactPhone).HasMaxLength(Limits.Phone);
            t.Property(x => x.ContactEmail).HasMaxLength(Limits.Email);
            t.Property(x => x.VideoUrl).HasMaxLength(Limits.Url);
            t.Property(x => x.PhotoUrl).HasMaxLength(Limits.Url);
            t.Property(x => x.PhotoAlt).HasMaxLength(300);
            t.Property(x => x.LastConfirmedBy).HasMaxLength(200);
            t.Property(x => x.SearchText).HasMaxLength(Limits.SearchText);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.HasOne(x => x.Club).WithMany(x => x.Teams).OnDelete(DeleteBehavior.Restrict);
            t.HasOne(x => x.Venue).WithMany().OnDelete(DeleteBehavior.Restrict);
            t.HasOne(x => x.Activity).WithMany().OnDelete(DeleteBehavior.Restrict);
            t.HasMany(x => x.Schedules).WithOne().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.Breaks).WithOne().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.TargetGroups).WithMany(x => x.Teams).UsingEntity("TeamTargetGroup");
            // The search page always filters on status first, then orders by title.
            t.HasIndex(x => new { x.Status, x.Title });
            t.HasIndex(x => new { x.Status, x.LastConfirmedAtUtc });
        });

        builder.Entity<TeamSchedule>(s => s.HasIndex(x => new { x.Weekday, x.Start, x.TeamId }));
        builder.Entity<TeamBreak>(b => b.Property(x => x.Name).HasMaxLength(100));
        BridgingModel.Configure(builder);
        ProgrammeModel.Configure(builder);
        AccountsModel.Configure(builder);
        OutcomesModel.Configure(builder);

        if (Database.IsNpgsql())
        {
            // Free-text search is SearchText LIKE '%term%', which a B-tree cannot answer: a trigram
            // index can (count of q=yoga at 100,000 teams: 389 ms sequential scan to 52 ms).
            // Safe per provider: EF caches the model per context type, and each provider has its
            // own subclass. SQLite has no such index type (see docs/benchmarks.md).
            builder.HasPostgresExtension("pg_trgm");
            builder.Entity<Team>().HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Optimistic concurrency that works the same on SQLite and PostgreSQL: the UPDATE carries
    // "WHERE Version = <the version the editor saw>" and writes the next number.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(x => x.Version).OriginalValue + 1;
            }
        }
    }
}

/// <summary>Field lengths, shared by the model, the forms and the API validation.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int PersonName = 100;
    public const int Address = 200;
    public const int Town = 100;
    public const int Url = 500;
    public const int Phone = 30;
    public const int Email = 254;
    public const int Text = 4000;
    public const int NeedsForClub = 500;
    public const int Reason = 1000;
    public const int SearchText = 12000;
    public const int Query = 200;
}
