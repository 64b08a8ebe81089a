using System.Collections.Concurrent;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// Bearer tokens carry the user's security stamp, but Identity's bearer scheme never compares it with
/// the database: a deactivated user's token would work until it expires. This check refuses a token
/// whose stamp is no longer the user's, or whose user is deactivated. The answer is cached for at most
/// <see cref="MaxAge"/> per user, so a change made by another app instance takes effect within a
/// minute; a change made by this instance forgets the cached answer at once.
/// </summary>
public sealed class TokenStampCheck(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string? Stamp, bool Active, DateTimeOffset CheckedAt)> cache = new(StringComparer.Ordinal);

    public void Forget(string userId) => cache.TryRemove(userId, out _);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, string stampClaimType)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(stampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!cache.TryGetValue(userId, out var known) || now - known.CheckedAt >= MaxAge)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.DeactivatedAtUtc }).SingleOrDefaultAsync();
            known = (row?.SecurityStamp, row is { DeactivatedAtUtc: null }, now);
            cache[userId] = known;
        }

        return known.Active && string.Equals(known.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>The bearer scheme's hook: unprotects the token as the handler would, and fails it when its stamp is stale.</summary>
    public static async Task OnMessageReceived(MessageReceivedContext context)
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

        var check = context.HttpContext.RequestServices.GetRequiredService<TokenStampCheck>();
        var stampClaim = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (!await check.IsCurrentAsync(principal, stampClaim))
        {
            context.Fail("The token's user is deactivated or their security stamp has changed.");
        }
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
