using System.Linq.Expressions;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>
/// Samtykke (consent): a citizen's consent to one purpose is active from when it is given until it is
/// withdrawn. A withdrawal keeps the row (the history is evidence) and takes effect at once; a new
/// consent is a new row. Everything that depends on a consent (sharing with the club, reminders)
/// asks this rule, in queries and in memory alike.
/// </summary>
public static class ConsentRules
{
    /// <summary>"The consent to <paramref name="purpose"/> is active", for queries: <c>db.Consents.Where(ActiveFor(p))</c> or <c>citizen.Consents.AsQueryable().Any(ActiveFor(p))</c>.</summary>
    public static Expression<Func<Consent, bool>> ActiveFor(ConsentPurpose purpose) => c => c.Purpose == purpose && c.WithdrawnAtUtc == null;

    // The same rule for rows already loaded, compiled from the expression so that there is one definition.
    private static readonly Dictionary<ConsentPurpose, Func<Consent, bool>> Compiled =
        Enum.GetValues<ConsentPurpose>().ToDictionary(p => p, p => ActiveFor(p).Compile());

    public static bool IsActiveFor(this Consent consent, ConsentPurpose purpose) => Compiled[purpose](consent);
}

/// <summary>Giving and withdrawing consent: the citizen page records what the citizen says.</summary>
public static class ConsentCommands
{
    /// <summary>A missing purpose or method is refused (a page's enum would bind to its first member: sharing with the club, verbally).</summary>
    public static async Task<Outcome> GiveAsync(AppDbContext db, ClaimsPrincipal user, int citizenId, ConsentPurpose? purposeOrNull, ConsentMethod? methodOrNull, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!await db.Citizens.VisibleTo(user).AnyAsync(c => c.Id == citizenId, ct))
        {
            return Outcome.Missing;
        }

        if (purposeOrNull is not { } purpose || !Enum.IsDefined(purpose))
        {
            return Outcome.Bad("purpose", "Vælg hvilket samtykke (formål) der er givet.");
        }

        if (methodOrNull is not { } method || !Enum.IsDefined(method))
        {
            return Outcome.Bad("method", "Vælg hvordan samtykket er givet: mundtligt eller skriftligt.");
        }

        if (!await db.Consents.Where(c => c.CitizenId == citizenId).AnyAsync(ConsentRules.ActiveFor(purpose), ct))
        {
            db.Consents.Add(new Consent { CitizenId = citizenId, Purpose = purpose, Method = method, GivenAtUtc = now.UtcDateTime, GivenBy = user.DisplayName() });
            await db.SaveChangesAsync(ct);
        }

        return Outcome.Done(citizenId);
    }

    /// <summary>
    /// Takes effect at once: pending messages that depend on the consent are cancelled in the same save.
    /// A missing purpose is refused (a page's enum would bind to its first member and withdraw sharing with the club).
    /// </summary>
    public static async Task<Outcome> WithdrawAsync(AppDbContext db, ClaimsPrincipal user, int citizenId, ConsentPurpose? purposeOrNull, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!await db.Citizens.VisibleTo(user).AnyAsync(c => c.Id == citizenId, ct))
        {
            return Outcome.Missing;
        }

        if (purposeOrNull is not { } purpose || !Enum.IsDefined(purpose))
        {
            return Outcome.Bad("purpose", "Vælg hvilket samtykke (formål) der skal trækkes tilbage.");
        }

        var active = await db.Consents.Where(c => c.CitizenId == citizenId).Where(ConsentRules.ActiveFor(purpose)).ToListAsync(ct);
        foreach (var consent in active)
        {
            consent.WithdrawnAtUtc = now.UtcDateTime;
            consent.WithdrawnBy = user.DisplayName();
        }

        var pending = await db.OutboxMessages.Where(m => m.CitizenId == citizenId && m.RequiresConsent == purpose && m.Status == MessageStatus.Pending).ToListAsync(ct);
        foreach (var m in pending)
        {
            m.Status = MessageStatus.Cancelled;
            m.LastError = "Annulleret: samtykket er trukket tilbage.";
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Done(citizenId);
    }
}
