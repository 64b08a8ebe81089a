using System.Runtime.ExceptionServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Web.Features.Account;

/// <summary>Why a session ended, or <see cref="None"/> while it is good.</summary>
public enum SessionEnd
{
    None,
    Unknown,
    Idle,
    Absolute,
    Deactivated,
    Locked,
    StampChanged,
    RolesChanged,
}

/// <summary>
/// Server-side sessions (issue 12): every login cookie and bearer token carries a random session id
/// (<see cref="AppClaims.SessionId"/>) whose <see cref="UserSession"/> row is looked up by primary key on
/// every authenticated request. Logout deletes the row; deactivation, a role change and a new security stamp
/// delete all the user's rows and also fail the check by themselves (the stamp and the state are read in
/// the same query), so a session ends at once on every instance — there is no cache. Staff sessions end
/// after <c>Account:SessionIdleMinutes</c> without a request and <c>Account:SessionHours</c> after login,
/// on the app's <see cref="TimeProvider"/> (docs/adr/0016-sessions-proxy-and-instances.md).
/// </summary>
public sealed class SessionStore(AppDbContext db, TimeProvider time, IConfiguration config, IOptions<IdentityOptions> identity)
{
    /// <summary>The last-seen time is written at most this often: an idle timeout of 30 min needs no write per request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public TimeSpan Idle => TimeSpan.FromMinutes(config.GetValue("Account:SessionIdleMinutes", 30));

    public TimeSpan Absolute => TimeSpan.FromHours(config.GetValue("Account:SessionHours", 12));

    /// <summary>Starts a session for the user and returns its id; forgets the user's sessions that have run out.</summary>
    public async Task<string> StartAsync(string userId, SessionKind kind)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var idleSince = now - Idle;
        var startedBefore = now - Absolute;
        await db.UserSessions.Where(s => s.UserId == userId && (s.LastSeenAtUtc < idleSince || s.CreatedAtUtc < startedBefore)).ExecuteDeleteAsync();
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.UserSessions.Add(new UserSession { Id = id, UserId = userId, Kind = kind, CreatedAtUtc = now, LastSeenAtUtc = now });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Ends the session the principal carries (logout).</summary>
    public async Task EndAsync(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(AppClaims.SessionId) is { } id)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
        }
    }

    /// <summary>Ends every session and token of the user (deactivation, role change, new security stamp).</summary>
    public Task EndAllAsync(string userId) => db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();

    /// <summary>
    /// The check on every authenticated request: one primary-key lookup joined to the user's row. A good
    /// session's last-seen time is moved on at most once a minute; an ended one is deleted.
    /// </summary>
    public async Task<SessionEnd> CheckAsync(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(AppClaims.SessionId);
        if (id is null || id.Length > 64)
        {
            return SessionEnd.Unknown;
        }

        var row = await db.UserSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new SessionState(
            s.UserId, s.CreatedAtUtc, s.LastSeenAtUtc, s.User.SecurityStamp, s.User.DeactivatedAtUtc, s.User.LockoutEnd,
            db.UserRoles.Count(r => r.UserId == s.UserId))).SingleOrDefaultAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var end = Judge(row, principal, now, Idle, Absolute, identity.Value.ClaimsIdentity);
        if (end != SessionEnd.None)
        {
            if (row is not null)
            {
                await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
            }

            return end;
        }

        if (now - row!.LastSeenAtUtc >= TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now));
        }

        return SessionEnd.None;
    }

    /// <summary>What the database says about a session and its user, read in one query.</summary>
    public sealed record SessionState(string UserId, DateTime CreatedAtUtc, DateTime LastSeenAtUtc, string? SecurityStamp, DateTime? DeactivatedAtUtc, DateTimeOffset? LockoutEnd, int RoleCount);

    /// <summary>The rule, apart from loading: whether the session in the database still admits the principal.</summary>
    public static SessionEnd Judge(SessionState? row, ClaimsPrincipal principal, DateTime nowUtc, TimeSpan idle, TimeSpan absolute, ClaimsIdentityOptions claims)
    {
        if (row is null || row.UserId != principal.FindFirstValue(claims.UserIdClaimType))
        {
            return SessionEnd.Unknown;
        }

        if (row.DeactivatedAtUtc is not null)
        {
            return SessionEnd.Deactivated;
        }

        // Locked out (by wrong passwords or by hand): the session ends. AppSignInManager.LockedOut has deleted
        // the rows already, so the session stays ended when the lockout runs out or is lifted.
        if (row.LockoutEnd is { } lockoutEnd && lockoutEnd.UtcDateTime > nowUtc)
        {
            return SessionEnd.Locked;
        }

        if (!string.Equals(row.SecurityStamp, principal.FindFirstValue(claims.SecurityStampClaimType), StringComparison.Ordinal))
        {
            return SessionEnd.StampChanged;
        }

        // The administration renews the stamp on every role change; a role removed or added another way
        // (a script, the database) still ends the session when the number of roles no longer matches.
        if (row.RoleCount != principal.FindAll(claims.RoleClaimType).Count())
        {
            return SessionEnd.RolesChanged;
        }

        if (nowUtc - row.LastSeenAtUtc >= idle)
        {
            return SessionEnd.Idle;
        }

        return nowUtc - row.CreatedAtUtc >= absolute ? SessionEnd.Absolute : SessionEnd.None;
    }

    /// <summary>The login cookie's hook (replaces Identity's once-a-minute SecurityStampValidator): an ended session signs out.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        SessionEnd end;
        try
        {
            end = await store.CheckAsync(principal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database cannot be asked. The request fails (500 or 503 page), but not here: the cookie handler
            // keeps this answer for the request, and the error page, re-executed, would fail the same way. So the
            // principal is rejected for this request only (the cookie stays; the user is not logged out) and
            // ThrowSessionCheckFailure raises the failure after authentication.
            context.HttpContext.Items[CheckFailedKey] = ExceptionDispatchInfo.Capture(e);
            context.RejectPrincipal();
            return;
        }

        if (end != SessionEnd.None)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private static readonly object CheckFailedKey = new();

    /// <summary>Middleware right after UseAuthentication: a session check that failed fails the request (see <see cref="ValidateCookieAsync"/>), once.</summary>
    public static Task ThrowSessionCheckFailure(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.Items.Remove(CheckFailedKey, out var failure) && failure is ExceptionDispatchInfo info)
        {
            info.Throw();
        }

        return next(ctx);
    }

    /// <summary>The bearer scheme's hook: unprotects the token as the handler would, and fails it when its session has ended.</summary>
    public static async Task ValidateBearerAsync(MessageReceivedContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Principal is not { } principal)
        {
            return; // the handler refuses it as it would anyway
        }

        var end = await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().CheckAsync(principal);
        if (end != SessionEnd.None)
        {
            context.Fail($"The token's session has ended ({end}).");
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Identity's sign-in with a server-side session: every way in (the login form, the token endpoint, leaving
/// the kiosk, and later single sign-on and two-factor login) passes <see cref="SignInWithClaimsAsync"/>, which
/// starts a session and puts its id into the cookie or token; signing out deletes it.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SessionStore sessions)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var kind = AuthenticationScheme == IdentityConstants.BearerScheme ? SessionKind.Bearer : SessionKind.Cookie;
        var id = await sessions.StartAsync(user.Id, kind);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(AppClaims.SessionId, id)]);
    }

    /// <summary>Wrong passwords have locked the account (or a locked account tried to sign in): every session and token of it ends.</summary>
    protected override async Task<SignInResult> LockedOut(AppUser user)
    {
        await sessions.EndAllAsync(user.Id);
        return await base.LockedOut(user);
    }

    public override async Task SignOutAsync()
    {
        await sessions.EndAsync(Context.User);
        await base.SignOutAsync();
    }
}

/// <summary>
/// "Confirmed" in Identity's sense means "active" here: SignInManager refuses a deactivated user at
/// every sign-in (login form and token endpoint) with the same answer as a wrong password.
/// </summary>
public sealed class ActiveUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(user.DeactivatedAtUtc is null);
}
