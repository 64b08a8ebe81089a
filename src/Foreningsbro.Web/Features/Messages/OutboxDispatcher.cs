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
    public const int MaxAttempts = 6;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Unique per process (ClaimedBy holds up to 100 characters; the guid alone is unique).</summary>
    public string InstanceId { get; } = $"{(Environment.MachineName.Length > 60 ? Environment.MachineName[..60] : Environment.MachineName)}-{Guid.NewGuid():N}";

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, attempts - 1)));

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
            if (!await StillAllowedAsync(db, message, ct))
            {
                await Finish(db, id, s => s.SetProperty(m => m.Status, MessageStatus.Cancelled).SetProperty(m => m.LastError, "Annulleret: samtykke trukket tilbage eller besøget er ikke længere aktuelt."), ct);
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
                await Finish(db, id, s => s.SetProperty(m => m.Status, MessageStatus.Sent).SetProperty(m => m.SentAtUtc, sentAt).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
                sent++;
            }
#pragma warning disable CA1031 // any failure of a sender is a failed attempt to retry later, not a crash of the dispatcher
            catch (Exception ex) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var attempts = message.Attempts + 1;
                var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                LogFailed(log, ex, id, attempts);
                var next = now + Backoff(attempts);
                await Finish(db, id, s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAtUtc, next)
                    .SetProperty(m => m.Status, attempts >= MaxAttempts ? MessageStatus.Failed : MessageStatus.Pending), ct);
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
    private static async Task<bool> StillAllowedAsync(AppDbContext db, OutboxMessage m, CancellationToken ct)
    {
        if (m.CitizenId is not { } citizenId)
        {
            return true;
        }

        if (m.RequiresConsent is { } purpose
            && !await db.Consents.Where(c => c.CitizenId == citizenId).AnyAsync(ConsentRules.ActiveFor(purpose), ct))
        {
            return false;
        }

        if (m.Kind != MessageKind.ClubNotice
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
