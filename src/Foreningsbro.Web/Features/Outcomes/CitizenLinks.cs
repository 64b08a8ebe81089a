using System.Security.Cryptography;
using System.Text;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>
/// The citizen's personal link (/mig/{token}): 128 random bits, base64url (22 characters, short enough
/// for an SMS), of which only the SHA-256 hash is stored, as for staff invitations. A link expires
/// after <see cref="Lifetime"/> and can be revoked; nothing in the address says who it belongs to.
/// </summary>
public static class CitizenLinks
{
    /// <summary>How long a link works. A new message carries a new link, so the link a citizen last got always works this long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    /// <summary>The rate limit on the citizen's pages, per client address (Security.cs).</summary>
    public const string RateLimit = "citizen-link";

    public static string Url(string publicBase, string token) => $"{publicBase.TrimEnd('/')}/mig/{token}";

    /// <summary>Adds a new link for the citizen (saved with the caller's changes) and returns its token, which is stored nowhere.</summary>
    public static string Add(AppDbContext db, int citizenId, DateTimeOffset now, string by)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(16));
        db.CitizenLinks.Add(new CitizenLink
        {
            CitizenId = citizenId,
            TokenHash = Hash(token),
            CreatedAtUtc = now.UtcDateTime,
            ExpiresAtUtc = (now + Lifetime).UtcDateTime,
            CreatedBy = by,
        });
        return token;
    }

    /// <summary>The citizen whose link is usable now, or null for an unknown, expired or revoked one (the page says the same for all three).</summary>
    public static async Task<int?> CitizenAsync(AppDbContext db, string? token, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var hash = Hash(token);
        var at = now.UtcDateTime;
        return await db.CitizenLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedAtUtc == null && l.ExpiresAtUtc > at)
            .Select(l => (int?)l.CitizenId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Revokes every open link of the citizen at once; returns how many.</summary>
    public static Task<int> RevokeAllAsync(AppDbContext db, int citizenId, DateTimeOffset now, CancellationToken ct)
    {
        var at = now.UtcDateTime;
        return db.CitizenLinks.Where(l => l.CitizenId == citizenId && l.RevokedAtUtc == null && l.ExpiresAtUtc > at)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAtUtc, at), ct);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
