using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>Who made an administrative change: a signed-in user, or the first-run command (no user id).</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor Command = new(null, "Kommandolinjen (første opsætning)");

    public static Actor Of(ClaimsPrincipal user) => new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.DisplayName());
}

/// <summary>What a coordinator (or the first-run command) asks for when inviting a user or changing their access.</summary>
public sealed record UserAccess(IReadOnlyCollection<string> Roles, int? DepartmentId, int? ClubId, IReadOnlyCollection<int> ProgrammeIds);

/// <summary>An administrative command's answer: the user's id and (for the first-run command) the link, or the field and Danish message.</summary>
public sealed record AdminResult(string? UserId = null, string? Link = null, string? Field = null, string? Error = null, bool NotFound = false)
{
    public bool Ok => Error is null && !NotFound;

    public static AdminResult Bad(string field, string message) => new(Field: field, Error: message);

    public static readonly AdminResult Missing = new(NotFound: true);
}

public enum LinkState
{
    Usable,
    Unknown,
    Expired,
    Used,
}

/// <summary>
/// The rules of user administration, shared by the pages, the first-run command and the tests: invite,
/// change roles, deactivate, one-time password links and the audit log. Every change to a user's roles
/// or active state renews their security stamp and ends all their sessions and bearer tokens at once, on
/// every instance (<see cref="SessionStore"/>).
/// </summary>
public sealed class UserAdministration(AppDbContext db, UserManager<AppUser> users, TimeProvider time, IConfiguration config, SessionStore sessions)
{
    /// <summary>The roles a coordinator gives; the national administrator's role comes only from the first-run command.</summary>
    public static readonly string[] MunicipalRoles = [Roles.Coordinator, Roles.Professional, Roles.ClubContact, Roles.Instructor];

    public TimeSpan InvitationLifetime => TimeSpan.FromDays(config.GetValue("Account:InvitationDays", 7));

    public TimeSpan ResetLifetime => TimeSpan.FromMinutes(config.GetValue("Account:ResetLinkMinutes", 60));

    public static string RoleName(string role) => role switch
    {
        Roles.NationalAdmin => "National administrator",
        Roles.Coordinator => "Koordinator",
        Roles.Professional => "Fagperson",
        Roles.ClubContact => "Foreningskontakt",
        Roles.Instructor => "Instruktør",
        _ => role,
    };

    /// <summary>Where links point: PublicBaseUrl, or else the address of the request.</summary>
    public static string BaseUrl(IConfiguration config, HttpRequest? request)
    {
        var configured = config["PublicBaseUrl"];
        return !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/')
            : request is null ? "http://localhost:5000"
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public static string LinkUrl(string baseUrl, string token) => $"{baseUrl}/konto/adgangskode?token={Uri.EscapeDataString(token)}";

    /// <summary>The users a coordinator administers: their own municipality's, and only those (a foreign id is a 404).</summary>
    public static IQueryable<AppUser> ManagedBy(IQueryable<AppUser> all, ClaimsPrincipal user) =>
        user.MunicipalityId() is { } m ? all.Where(u => u.MunicipalityId == m) : all.Where(u => false);

    public async Task<AdminResult> InviteAsync(string email, string name, int? municipalityId, UserAccess access, Actor actor, string baseUrl, bool sendEmail, CancellationToken ct)
    {
        email = email.Trim();
        name = name.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AdminResult.Bad("Email", "E-mailen bruges allerede af en anden konto.");
        }

        if (await CheckAccessAsync(municipalityId, access, ct) is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = name,
            MunicipalityId = municipalityId,
            DepartmentId = access.DepartmentId,
            ClubId = access.Roles.Contains(Roles.ClubContact) ? access.ClubId : null,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? AdminResult.Bad("Email", "E-mailen bruges allerede af en anden konto.")
                : AdminResult.Bad("Email", "Skriv en gyldig e-mail.");
        }

        await GrantAsync(user.Id, access.Roles, now, ct);
        SetProgrammes(user.Id, access, []);
        var token = NewLink(user.Id, AccountLinkPurpose.Invitation, now);
        var link = LinkUrl(baseUrl, token);
        if (sendEmail)
        {
            var municipality = municipalityId is { } m ? await db.Municipalities.Where(x => x.Id == m).Select(x => x.Name).SingleAsync(ct) : null;
            var body = new StringBuilder();
            body.AppendLine(CultureInfo.InvariantCulture, $"Hej {name}");
            body.AppendLine();
            body.AppendLine(CultureInfo.InvariantCulture, $"{actor.Name} har oprettet en konto til dig i Foreningsbro{(municipality is null ? "" : " for " + municipality + " Kommune")}.");
            body.AppendLine("Vælg din adgangskode her (linket virker én gang og udløber " + Labels.DanishDateTime(now + InvitationLifetime) + "):");
            body.AppendLine(link);
            body.AppendLine();
            body.AppendLine("Har du ikke ventet denne e-mail, kan du se bort fra den.");
            AddMail(MessageKind.StaffInvitation, email, "Din konto i Foreningsbro", body.ToString(), now);
        }

        Audit(actor, municipalityId, "Invited", user, $"Inviteret som {string.Join(", ", access.Roles.Select(RoleName))}", now);
        await db.SaveChangesAsync(ct);
        return new AdminResult(UserId: user.Id, Link: link);
    }

    /// <summary>Changes a user's roles, department, club and programmes; the last coordinator keeps the role.</summary>
    public async Task<AdminResult> ChangeAccessAsync(AppUser user, UserAccess access, Actor actor, CancellationToken ct)
    {
        if (await CheckAccessAsync(user.MunicipalityId, access, ct) is { } problem)
        {
            return problem;
        }

        var current = await RolesOfAsync(user.Id, ct);
        if (current.Contains(Roles.Coordinator) && !access.Roles.Contains(Roles.Coordinator) && user.DeactivatedAtUtc is null
            && !await OtherActiveCoordinatorAsync(user, ct))
        {
            return AdminResult.Bad("Roles", "Kommunen skal have mindst én aktiv koordinator. Giv en anden kollega rollen, før du fjerner den her.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changes = new List<string>();
        var removed = current.Except(access.Roles).ToList();
        var added = access.Roles.Except(current).ToList();
        if (removed.Count > 0)
        {
            var roleIds = await db.Roles.Where(r => removed.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id && roleIds.Contains(r.RoleId)).ToListAsync(ct));
            changes.Add("Rolle fjernet: " + string.Join(", ", removed.Select(RoleName)));
        }

        if (added.Count > 0)
        {
            await GrantAsync(user.Id, added, now, ct);
            changes.Add("Rolle givet: " + string.Join(", ", added.Select(RoleName)));
        }

        var clubId = access.Roles.Contains(Roles.ClubContact) ? access.ClubId : null;
        if (user.DepartmentId != access.DepartmentId)
        {
            var names = await db.Departments.Where(d => d.Id == user.DepartmentId || d.Id == access.DepartmentId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            changes.Add($"Afdeling: {Name(names, user.DepartmentId)} → {Name(names, access.DepartmentId)}");
            user.DepartmentId = access.DepartmentId;
        }

        if (user.ClubId != clubId)
        {
            var names = await db.Clubs.Where(c => c.Id == user.ClubId || c.Id == clubId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
            changes.Add($"Forening: {Name(names, user.ClubId)} → {Name(names, clubId)}");
            user.ClubId = clubId;
        }

        var programmes = await db.ProgrammeInstructors.Where(p => p.UserId == user.Id
            && db.Programmes.Any(x => x.Id == p.ProgrammeId && x.Department.MunicipalityId == user.MunicipalityId)).ToListAsync(ct);
        var wanted = access.Roles.Contains(Roles.Instructor) ? access.ProgrammeIds : [];
        if (!programmes.Select(p => p.ProgrammeId).ToHashSet().SetEquals(wanted))
        {
            db.ProgrammeInstructors.RemoveRange(programmes.Where(p => !wanted.Contains(p.ProgrammeId)));
            SetProgrammes(user.Id, access with { Roles = access.Roles }, [.. programmes.Select(p => p.ProgrammeId)]);
            changes.Add("Forløb ændret");
        }

        if (changes.Count == 0)
        {
            return new AdminResult(UserId: user.Id);
        }

        Audit(actor, user.MunicipalityId, "AccessChanged", user, string.Join("; ", changes), now);
        await db.SaveChangesAsync(ct);
        await RenewStampAsync(user);
        return new AdminResult(UserId: user.Id);
    }

    public async Task<AdminResult> DeactivateAsync(AppUser user, Actor actor, CancellationToken ct)
    {
        if (user.Id == actor.UserId)
        {
            return AdminResult.Bad("", "Du kan ikke deaktivere dig selv. Bed en anden koordinator om det.");
        }

        if (user.DeactivatedAtUtc is not null)
        {
            return new AdminResult(UserId: user.Id);
        }

        if ((await RolesOfAsync(user.Id, ct)).Contains(Roles.Coordinator) && !await OtherActiveCoordinatorAsync(user, ct))
        {
            return AdminResult.Bad("", "Kommunen skal have mindst én aktiv koordinator. Giv en anden kollega rollen, før du deaktiverer denne bruger.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        user.DeactivatedAtUtc = now;
        await db.AccountLinks.Where(l => l.UserId == user.Id && l.UsedAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), ct);
        Audit(actor, user.MunicipalityId, "Deactivated", user, "Deaktiveret", now);
        await db.SaveChangesAsync(ct);
        await RenewStampAsync(user);
        return new AdminResult(UserId: user.Id);
    }

    public async Task<AdminResult> ReactivateAsync(AppUser user, Actor actor, CancellationToken ct)
    {
        if (user.DeactivatedAtUtc is null)
        {
            return new AdminResult(UserId: user.Id);
        }

        var now = time.GetUtcNow().UtcDateTime;
        user.DeactivatedAtUtc = null;
        Audit(actor, user.MunicipalityId, "Reactivated", user, "Genaktiveret", now);
        await db.SaveChangesAsync(ct);
        await RenewStampAsync(user);
        return new AdminResult(UserId: user.Id);
    }

    /// <summary>A new invitation for a user who has not yet set a password (the old link stops working).</summary>
    public async Task<AdminResult> ReinviteAsync(AppUser user, Actor actor, string baseUrl, CancellationToken ct)
    {
        if (user.PasswordHash is not null || user.DeactivatedAtUtc is not null)
        {
            return AdminResult.Bad("", "Brugeren har allerede valgt en adgangskode eller er deaktiveret. Brugeren kan selv bruge \"Glemt adgangskode?\".");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.AccountLinks.Where(l => l.UserId == user.Id && l.UsedAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), ct);
        var link = LinkUrl(baseUrl, NewLink(user.Id, AccountLinkPurpose.Invitation, now));
        AddMail(MessageKind.StaffInvitation, user.Email!, "Din konto i Foreningsbro",
            $"Hej {user.DisplayName}\n\n{actor.Name} har sendt dig en ny invitation til Foreningsbro.\nVælg din adgangskode her (linket virker én gang og udløber {Labels.DanishDateTime(now + InvitationLifetime)}):\n{link}\n", now);
        Audit(actor, user.MunicipalityId, "Reinvited", user, "Ny invitation sendt", now);
        await db.SaveChangesAsync(ct);
        return new AdminResult(UserId: user.Id, Link: link);
    }

    /// <summary>"Glemt adgangskode?": a link by e-mail to an active account; nothing (and the same answer) otherwise.</summary>
    public async Task RequestResetAsync(string email, string baseUrl, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.DeactivatedAtUtc is not null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var link = LinkUrl(baseUrl, NewLink(user.Id, AccountLinkPurpose.PasswordReset, now));
        AddMail(MessageKind.PasswordReset, user.Email!, "Ny adgangskode til Foreningsbro",
            $"Hej {user.DisplayName}\n\nDu (eller nogen, der kender din e-mail) har bedt om en ny adgangskode til Foreningsbro.\nVælg en ny her (linket virker én gang og udløber {Labels.DanishDateTime(now + ResetLifetime)}):\n{link}\n\nHar du ikke bedt om det, kan du se bort fra e-mailen; din adgangskode er uændret.\n", now);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(LinkState State, AccountLink? Link)> FindLinkAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (LinkState.Unknown, null);
        }

        var hash = Hash(token);
        var link = await db.AccountLinks.Include(l => l.User).SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return link is null ? (LinkState.Unknown, null)
            : link.UsedAtUtc is not null || link.User.DeactivatedAtUtc is not null ? (LinkState.Used, link)
            : link.ExpiresAtUtc <= now ? (LinkState.Expired, link)
            : (LinkState.Usable, link);
    }

    /// <summary>Sets the password through a one-time link: the link is spent by a guarded update, so a double submit sets it once.</summary>
    public async Task<AdminResult> SetPasswordAsync(string? token, string password, CancellationToken ct)
    {
        var (state, link) = await FindLinkAsync(token, ct);
        if (state != LinkState.Usable || link is null)
        {
            return AdminResult.Bad("", LinkProblem(state));
        }

        var user = link.User;
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => PasswordError(e.Code)));
        }

        if (errors.Count > 0)
        {
            return AdminResult.Bad("Input.Password", string.Join(" ", errors.Distinct()));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var spent = await db.AccountLinks.Where(l => l.Id == link.Id && l.UsedAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), ct);
        if (spent == 0)
        {
            return AdminResult.Bad("", LinkProblem(LinkState.Used));
        }

        await db.AccountLinks.Where(l => l.UserId == user.Id && l.UsedAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), ct);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.EmailConfirmed = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        Audit(new Actor(user.Id, user.DisplayName), user.MunicipalityId, link.Purpose == AccountLinkPurpose.Invitation ? "PasswordChosen" : "PasswordReset", user,
            link.Purpose == AccountLinkPurpose.Invitation ? "Adgangskode valgt via invitation" : "Adgangskode nulstillet via link", now);
        await db.SaveChangesAsync(ct);
        // Sessions signed in with the old password end (the stamp is part of every cookie and token).
        await RenewStampAsync(user);
        return new AdminResult(UserId: user.Id);
    }

    public static string LinkProblem(LinkState state) => state switch
    {
        LinkState.Expired => "Linket er udløbet. Bed din koordinator om en ny invitation, eller brug \"Glemt adgangskode?\" på log ind-siden.",
        LinkState.Used => "Linket er allerede brugt. Hvis du har glemt din adgangskode, så brug \"Glemt adgangskode?\" på log ind-siden.",
        _ => "Linket er ikke gyldigt. Tjek, at du har kopieret hele linket fra e-mailen.",
    };

    private static string PasswordError(string code) => code switch
    {
        "PasswordTooShort" => "Adgangskoden skal være mindst 10 tegn.",
        "PasswordRequiresDigit" => "Adgangskoden skal indeholde mindst ét tal.",
        "PasswordRequiresLower" => "Adgangskoden skal indeholde mindst ét lille bogstav.",
        "PasswordRequiresUpper" => "Adgangskoden skal indeholde mindst ét stort bogstav.",
        "PasswordRequiresNonAlphanumeric" => "Adgangskoden skal indeholde mindst ét tegn, der ikke er et bogstav eller tal.",
        "PasswordRequiresUniqueChars" => "Adgangskoden skal have flere forskellige tegn.",
        _ => "Adgangskoden kan ikke bruges. Vælg en anden.",
    };

    public async Task<List<string>> RolesOfAsync(string userId, CancellationToken ct) =>
        await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);

    /// <summary>Departments, clubs and programmes must be the user's municipality's: a foreign id is refused, nothing is saved.</summary>
    private async Task<AdminResult?> CheckAccessAsync(int? municipalityId, UserAccess access, CancellationToken ct)
    {
        if (access.Roles.Count == 0)
        {
            return AdminResult.Bad("Roles", "Vælg mindst én rolle.");
        }

        if (municipalityId is null ? access.Roles.Any(r => r != Roles.NationalAdmin) : access.Roles.Any(r => !MunicipalRoles.Contains(r)))
        {
            return AdminResult.Bad("Roles", "Vælg roller fra listen.");
        }

        if (access.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.MunicipalityId == municipalityId, ct))
        {
            return AdminResult.Bad("DepartmentId", "Afdelingen hører ikke til kommunen. Vælg en afdeling fra listen.");
        }

        if (access.Roles.Contains(Roles.Professional) && access.DepartmentId is null)
        {
            return AdminResult.Bad("DepartmentId", "En fagperson skal høre til en afdeling. Vælg afdelingen.");
        }

        if (access.Roles.Contains(Roles.ClubContact))
        {
            if (access.ClubId is not { } c)
            {
                return AdminResult.Bad("ClubId", "En foreningskontakt skal høre til en forening. Vælg foreningen.");
            }

            if (!await db.Clubs.AnyAsync(x => x.Id == c && x.MunicipalityId == municipalityId, ct))
            {
                return AdminResult.Bad("ClubId", "Foreningen hører ikke til kommunen. Vælg en forening fra listen.");
            }
        }

        if (access.Roles.Contains(Roles.Instructor) && access.ProgrammeIds.Count > 0
            && await db.Programmes.CountAsync(p => access.ProgrammeIds.Contains(p.Id) && p.Department.MunicipalityId == municipalityId, ct) != access.ProgrammeIds.Distinct().Count())
        {
            return AdminResult.Bad("ProgrammeIds", "Et af forløbene hører ikke til kommunen. Vælg forløb fra listen.");
        }

        return null;
    }

    private async Task<bool> OtherActiveCoordinatorAsync(AppUser user, CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Coordinator).Select(r => r.Id).SingleAsync(ct);
        return await db.Users.AnyAsync(u => u.Id != user.Id && u.MunicipalityId == user.MunicipalityId && u.DeactivatedAtUtc == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId), ct);
    }

    private async Task GrantAsync(string userId, IEnumerable<string> roles, DateTime now, CancellationToken ct)
    {
        var names = roles.ToList();
        foreach (var roleId in await db.Roles.Where(r => names.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct))
        {
            db.UserRoles.Add(new AppUserRole { UserId = userId, RoleId = roleId, GrantedAtUtc = now });
        }
    }

    private void SetProgrammes(string userId, UserAccess access, HashSet<int> existing)
    {
        if (!access.Roles.Contains(Roles.Instructor))
        {
            return;
        }

        foreach (var id in access.ProgrammeIds.Distinct().Where(id => !existing.Contains(id)))
        {
            db.ProgrammeInstructors.Add(new ProgrammeInstructor { ProgrammeId = id, UserId = userId });
        }
    }

    private string NewLink(string userId, AccountLinkPurpose purpose, DateTime now)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.AccountLinks.Add(new AccountLink
        {
            UserId = userId,
            Purpose = purpose,
            TokenHash = Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + (purpose == AccountLinkPurpose.Invitation ? InvitationLifetime : ResetLifetime),
        });
        return token;
    }

    private void AddMail(MessageKind kind, string to, string subject, string body, DateTime now) => db.OutboxMessages.Add(new OutboxMessage
    {
        Channel = MessageChannel.Email,
        Kind = kind,
        To = to,
        Subject = subject,
        Body = body,
        Status = MessageStatus.Pending,
        CreatedAtUtc = now,
        NotBeforeUtc = now,
        NextAttemptAtUtc = now,
    });

    private void Audit(Actor actor, int? municipalityId, string action, AppUser target, string details, DateTime now) => db.AuditLog.Add(new AuditLogEntry
    {
        AtUtc = now,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        MunicipalityId = municipalityId,
        Action = action,
        TargetUserId = target.Id,
        TargetName = $"{target.DisplayName} ({target.Email})",
        Details = details.Length > Limits.Reason ? details[..Limits.Reason] : details,
    });

    /// <summary>Writes an entry about something other than a user (a municipality, a department).</summary>
    public void AuditOther(Actor actor, int? municipalityId, string action, string details) => db.AuditLog.Add(new AuditLogEntry
    {
        AtUtc = time.GetUtcNow().UtcDateTime,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        MunicipalityId = municipalityId,
        Action = action,
        Details = details.Length > Limits.Reason ? details[..Limits.Reason] : details,
    });

    private async Task RenewStampAsync(AppUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id);
    }

    private static string Name(Dictionary<int, string> names, int? id) => id is { } i && names.TryGetValue(i, out var n) ? n : "ingen";

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
