namespace Foreningsbro.Web.Data;

public enum SessionKind
{
    /// <summary>The login cookie of a browser.</summary>
    Cookie = 0,

    /// <summary>A bearer token of an integration (POST /api/v1/auth/token).</summary>
    Bearer = 1,
}

/// <summary>
/// One signed-in session or bearer token, server-side (issue 12): the cookie and the token carry only the
/// random <see cref="Id"/> (as <c>AppClaims.SessionId</c>); every authenticated request looks it up by
/// primary key, so deleting the row (logout, deactivation, role change) ends the session at once on every
/// app instance. See Features/Account/Sessions.cs and docs/adr/0016-sessions-proxy-and-instances.md.
/// </summary>
public class UserSession
{
    /// <summary>256 random bits, base64url: not guessable, and never derived from the user.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public AppUser User { get; set; } = null!;

    public SessionKind Kind { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The last request seen, written at most once a minute (the idle timeout's clock).</summary>
    public DateTime LastSeenAtUtc { get; set; }
}
