using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>Writes the access log: every view of a citizen's record and every list or search that returns citizens.</summary>
public static class AccessLog
{
    public static Task WriteViewAsync(AppDbContext db, ClaimsPrincipal user, DateTimeOffset now, int citizenId, string view, CancellationToken ct = default)
    {
        db.AccessLog.Add(Entry(user, now, view, citizenId, null, null));
        return db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the view's row without saving, for a caller that saves it with other changes in one transaction.</summary>
    public static void Add(AppDbContext db, ClaimsPrincipal user, DateTimeOffset now, int citizenId, string view) =>
        db.AccessLog.Add(Entry(user, now, view, citizenId, null, null));

    public static Task WriteListAsync(AppDbContext db, ClaimsPrincipal user, DateTimeOffset now, string view, string? search, int resultCount, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        db.AccessLog.Add(Entry(user, now, view, null, text is { Length: > 500 } ? text[..500] : text, resultCount));
        return db.SaveChangesAsync(ct);
    }

    private static AccessLogEntry Entry(ClaimsPrincipal user, DateTimeOffset now, string view, int? citizenId, string? search, int? count) => new()
    {
        AtUtc = now.UtcDateTime,
        UserId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        UserName = user.DisplayName(),
        CitizenId = citizenId,
        Search = search,
        ResultCount = count,
        View = view,
    };
}
