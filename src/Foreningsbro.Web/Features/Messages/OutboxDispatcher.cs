using System.Globalization;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;

using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Messages;

/// <summary>
/// One pass of the dispatcher: claims due messages one at a time and sends them. A claim is an
/// UPDATE guarded by "not claimed, or the claim has run out", so two app instances on one database
/// never both send a message. Delivery is at-least-once only if an instance dies between sending
/// and marking the message sent, after its claim expires.
/// </summary>
public sealed partial class OutboxDispatch(IServiceScopeFactory scopes, TimeProvider time, IEnumerable<IMessageSender> senders, ILogger<OutboxDispatch> log)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>How long after its first attempt a message is retried (Outbox:GiveUpAfterHours). A mail server down for a night must not lose the morning's confirmations.</summary>
    public static readonly TimeSpan DefaultGiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>The reason a message is cancelled rather than sent; also used when the coordinator asks to send one again.</summary>
    public const string NotAllowedReason = "Annulleret: samtykke trukket tilbage eller besøget er ikke længere aktuelt.";

    public TimeSpan GiveUpAfter { get; init; } = DefaultGiveUpAfter;

    /// <summary>What is left of a staff invitation's or reset's body once it is sent.</summary>
    public const string SentLinkBody = "(Sendt. Beskeden indeholdt et engangslink, som ikke gemmes.)";

    /// <summary>Unique per process (ClaimedBy holds up to 100 characters; the guid alone is unique).</summary>
    public string InstanceId { get; } = $"{(Environment.MachineName.Length > 60 ? Environment.MachineName[..60] : Environment.MachineName)}-{Guid.NewGuid():N}";

    /// <summary>The wait after failed attempt number <paramref name="attempts"/>: 1, 2, 4, 8, 16, 32 minutes, then every hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, attempts - 1)));

    /// <summary>
    /// The retry rule, named once: after failed attempt number <paramref name="attempts"/> at
    /// <paramref name="attemptUtc"/>, the next attempt is a back-off later, unless this attempt was
    /// already <paramref name="giveUpAfter"/> or more after the first one; then null: the message has failed.
    /// With 24 hours the attempts come at 0, 1, 3, 7, 15, 31, 63 minutes and then hourly up to 24 h 3 min,
    /// so an outage of up to 24 hours loses nothing.
    /// </summary>
    public static DateTime? NextAttempt(int attempts, DateTime firstAttemptUtc, DateTime attemptUtc, TimeSpan giveUpAfter) =>
        attemptUtc - firstAttemptUtc >= giveUpAfter ? null : attemptUtc + Backoff(attempts);

    /// <summary>When a message that has failed was last tried: a failed message keeps the time of its last attempt in NextAttemptAtUtc; a pending one was tried a back-off before its next attempt.</summary>
    public static DateTime LastAttemptAt(MessageStatus status, int attempts, DateTime nextAttemptAtUtc) =>
        status == MessageStatus.Failed ? nextAttemptAtUtc : nextAttemptAtUtc - Backoff(attempts);

    /// <summary>How many of a message's failed attempts (the last at <paramref name="lastAttemptUtc"/>) came after <paramref name="sinceUtc"/>, counting back along the back-off.</summary>
    public static int FailedAttemptsAfter(int attempts, DateTime lastAttemptUtc, DateTime? sinceUtc)
    {
        var count = 0;
        var t = lastAttemptUtc;
        for (var n = attempts; n >= 1 && (sinceUtc is null || t > sinceUtc); n--)
        {
            count++;
            t -= n > 1 ? Backoff(n - 1) : TimeSpan.Zero;
        }

        return count;
    }

    /// <summary>Sends what is due now; returns the number of messages sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == MessageStatus.Pending && m.NextAttemptAtUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(50)
            .ToListAsync(ct);

        var sent = 0;
        foreach (var id in due)
        {
            var until = now + Lease;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == MessageStatus.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, InstanceId).SetProperty(m => m.ClaimedUntilUtc, until), ct);
            if (claimed == 0)
            {
                continue; // another instance has it
            }

            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            if (!await StillAllowedAsync(db, message, now, ct))
            {
                await Finish(db, id, s => s.SetProperty(m => m.Status, MessageStatus.Cancelled).SetProperty(m => m.LastError, NotAllowedReason), ct);
                continue;
            }

            var sender = senders.LastOrDefault(s => s.CanSend(message.Channel));
            try
            {
                if (sender is null)
                {
                    throw new InvalidOperationException($"Ingen afsender er sat op til {message.Channel}.");
                }

                await sender.SendAsync(message, ct);
                var sentAt = time.GetUtcNow().UtcDateTime;
                await Finish(db, id, s => s.SetProperty(m => m.Status, MessageStatus.Sent).SetProperty(m => m.SentAtUtc, sentAt).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    // A sent invitation, reset or citizen's link keeps no copy of its link in the database (Outbox.CarriesLink).
                    .SetProperty(m => m.Body, m => m.Kind == MessageKind.StaffInvitation || m.Kind == MessageKind.PasswordReset
                        || m.Kind == MessageKind.CitizenLink || m.Kind == MessageKind.QuestionnaireInvitation || m.Kind == MessageKind.QuestionnaireReminder
                        || m.Kind == MessageKind.VisitConfirmation || m.Kind == MessageKind.VisitReminder ? SentLinkBody : m.Body), ct);
                sent++;
            }
#pragma warning disable CA1031 // any failure of a sender is a failed attempt to retry later, not a crash of the dispatcher
            catch (Exception ex) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var attempts = message.Attempts + 1;
                var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                LogFailed(log, ex, id, attempts);
                // The first failed attempt's time goes into NotBeforeUtc (the message was not sent before it
                // either), so the retry window counts from the first attempt, not from when the message was due.
                var first = message.Attempts == 0 ? now : message.NotBeforeUtc;
                var next = NextAttempt(attempts, first, now, GiveUpAfter);
                await Finish(db, id, s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NotBeforeUtc, first)
                    .SetProperty(m => m.NextAttemptAtUtc, next ?? now)
                    .SetProperty(m => m.Status, next is null ? MessageStatus.Failed : MessageStatus.Pending), ct);
            }
        }

        return sent;
    }

    [LoggerMessage(LogLevel.Warning, "Outbox message {Id} failed (attempt {Attempts})")]
    private static partial void LogFailed(ILogger logger, Exception ex, long id, int attempts);

    private Task<int> Finish(AppDbContext db, long id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> set, CancellationToken ct) =>
        db.OutboxMessages.Where(m => m.Id == id && m.ClaimedBy == InstanceId)
            .ExecuteUpdateAsync(s =>
            {
                set(s);
                s.SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null);
            }, ct);

    // Consent is checked again at the moment of sending: a withdrawal takes effect at once.
    internal static async Task<bool> StillAllowedAsync(AppDbContext db, OutboxMessage m, DateTime nowUtc, CancellationToken ct)
    {
        // A reminder of a visit that has begun reminds nobody (an outage longer than the day before, or a
        // failed reminder sent again): it is dropped, not sent late (issue 14).
        if (m.Kind == MessageKind.VisitReminder && m.ReferralId is { } referralId
            && await db.Referrals.AnyAsync(r => r.Id == referralId && r.VisitAtUtc <= nowUtc, ct))
        {
            return false;
        }

        if (m.CitizenId is not { } citizenId)
        {
            return true;
        }

        if (m.RequiresConsent is { } purpose
            && !await db.Consents.Where(c => c.CitizenId == citizenId).AnyAsync(ConsentRules.ActiveFor(purpose), ct))
        {
            return false;
        }

        // The reminder of a questionnaire is not needed once the citizen has answered anything since the invitation.
        if (m.Kind == MessageKind.QuestionnaireReminder
            && await db.QuestionnaireResponses.AnyAsync(r => r.CitizenId == citizenId && r.AnsweredAtUtc >= m.CreatedAtUtc, ct))
        {
            return false;
        }

        if (m.Kind is not (MessageKind.ClubNotice or MessageKind.CantComeNotice)
            && await db.Citizens.AnyAsync(c => c.Id == citizenId && c.PreferredChannel == ContactChannel.DoNotContact, ct))
        {
            return false;
        }

        return true;
    }
}

/// <summary>Runs the dispatch every few seconds unless Outbox:DispatcherEnabled is false (tests drive it by hand).</summary>
public sealed partial class OutboxDispatcher(OutboxDispatch dispatch, TimeProvider time, IConfiguration config, ILogger<OutboxDispatcher> log) : BackgroundService
{
    [LoggerMessage(LogLevel.Error, "Outbox dispatch failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception ex);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Outbox:DispatcherEnabled", true))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(config.GetValue("Outbox:IntervalSeconds", 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatch.RunOnceAsync(stoppingToken);
            }
#pragma warning disable CA1031 // a database hiccup must not stop the dispatcher for good
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogDispatchFailed(log, ex);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
