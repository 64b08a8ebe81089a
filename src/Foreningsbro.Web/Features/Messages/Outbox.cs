using System.Globalization;
using System.Net.Http.Json;
using System.Text;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Referrals;

using Foreningsbro.Web.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.EntityFrameworkCore;

using MimeKit;

namespace Foreningsbro.Web.Features.Messages;

/// <summary>
/// The messages a referral causes, written into the outbox in the same SaveChanges as the referral
/// itself. Bodies are plain Danish and never carry health information: no target group, barriers,
/// conversation notes or the reason for the referral.
/// </summary>
public static class Outbox
{
    public sealed record VisitFacts(
        string FirstName, string? Phone, string? Email, ContactChannel Channel, string DepartmentName,
        string TeamTitle, string ClubName, string VenueName, string? VenueAddress, string PostalCode, string Town,
        string? ContactName, string? ContactEmail, string? FirstTime, string? VideoUrl,
        VisitMode Mode, DateTime VisitAtUtc, string? NeedsForClub, bool SharesWithClub, bool AllowsReminders);

    public static void AddForNewReferral(AppDbContext db, Referral referral, VisitFacts f, DateTimeOffset now)
    {
        var when = Labels.DanishDateTime(f.VisitAtUtc);
        var citizenTarget = CitizenAddress(f);
        if (f.AllowsReminders && citizenTarget is { } target)
        {
            var body = CitizenBody(f, when, reminder: false);
            db.OutboxMessages.Add(New(target.Channel, MessageKind.VisitConfirmation, target.To, $"Dit besøg på {f.TeamTitle}", body, referral, ConsentPurpose.Reminders, now, now));

            // The reminder goes out at 10 o'clock the day before the visit. A visit booked later than
            // that has just had its confirmation, so a reminder would only repeat it.
            var visitLocal = DanishTime.ToDanish(f.VisitAtUtc);
            var dayBefore = DateOnly.FromDateTime(visitLocal).AddDays(-1).ToDateTime(new TimeOnly(10, 0));
            var dayBeforeUtc = new DateTimeOffset(DanishTime.ToUtc(dayBefore));
            if (dayBeforeUtc > now)
            {
                db.OutboxMessages.Add(New(target.Channel, MessageKind.VisitReminder, target.To, $"Husk: {f.TeamTitle} i morgen", CitizenBody(f, when, reminder: true), referral, ConsentPurpose.Reminders, now, dayBeforeUtc));
            }
        }

        if (!string.IsNullOrWhiteSpace(f.ContactEmail))
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Hej {f.ContactName}");
            sb.AppendLine();
            if (f.SharesWithClub)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{f.FirstName} kommer på et første besøg på {f.TeamTitle} {when}.");
                if (!string.IsNullOrWhiteSpace(f.Phone))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"Telefon: {f.Phone}");
                }

                if (!string.IsNullOrWhiteSpace(f.NeedsForClub))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"Godt at vide: {f.NeedsForClub}");
                }
            }
            else
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"En ny deltager kommer på et første besøg på {f.TeamTitle} {when}.");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"Besøget: {f.Mode.Danish().InSentence()}.");
            sb.AppendLine();
            sb.AppendLine("Se og bekræft dine besøg i Foreningsbro under Min forening → Besøg.");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Venlig hilsen {f.DepartmentName}");
            db.OutboxMessages.Add(New(MessageChannel.Email, MessageKind.ClubNotice, f.ContactEmail, $"Ny deltager på {f.TeamTitle}", sb.ToString(), referral,
                f.SharesWithClub ? ConsentPurpose.ShareWithClub : null, now, now));
        }
    }

    private static (MessageChannel Channel, string To)? CitizenAddress(VisitFacts f) => f.Channel switch
    {
        ContactChannel.Sms when !string.IsNullOrWhiteSpace(f.Phone) => (MessageChannel.Sms, f.Phone),
        ContactChannel.Email when !string.IsNullOrWhiteSpace(f.Email) => (MessageChannel.Email, f.Email),
        _ => null,
    };

    private static string CitizenBody(VisitFacts f, string when, bool reminder)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Hej {f.FirstName}");
        sb.AppendLine();
        sb.AppendLine(reminder
            ? $"Husk dit første besøg på holdet {f.TeamTitle} hos {f.ClubName} i morgen."
            : $"Du er meldt til et første besøg på holdet {f.TeamTitle} hos {f.ClubName}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Tid: {when}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Sted: {f.VenueName}, {(string.IsNullOrWhiteSpace(f.VenueAddress) ? "" : f.VenueAddress + ", ")}{f.PostalCode} {f.Town}");
        var meets = f.Mode == VisitMode.WithProfessional ? $"{f.ContactName} fra foreningen og din kontaktperson fra kommunen" : f.ContactName;
        if (!string.IsNullOrWhiteSpace(meets))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Hvem tager imod dig: {meets}");
        }

        if (!string.IsNullOrWhiteSpace(f.FirstTime))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Første gang: {f.FirstTime}");
        }

        if (!string.IsNullOrWhiteSpace(f.VideoUrl))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Se en kort video om holdet: {f.VideoUrl}");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Venlig hilsen {f.DepartmentName}");
        return sb.ToString();
    }

    private static OutboxMessage New(MessageChannel channel, MessageKind kind, string to, string subject, string body, Referral referral, ConsentPurpose? consent, DateTimeOffset now, DateTimeOffset notBefore) => new()
    {
        Channel = channel,
        Kind = kind,
        To = to,
        Subject = subject,
        Body = body.Length > Limits.Text ? body[..Limits.Text] : body,
        CitizenId = referral.CitizenId,
        Referral = referral,
        RequiresConsent = consent,
        Status = MessageStatus.Pending,
        CreatedAtUtc = now.UtcDateTime,
        NotBeforeUtc = notBefore.UtcDateTime,
        NextAttemptAtUtc = notBefore.UtcDateTime,
    };
}

/// <summary>Sends one message on its channel. Three implementations: pickup folder, SMTP, HTTP SMS gateway.</summary>
public interface IMessageSender
{
    bool CanSend(MessageChannel channel);

    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Demo and development: every message becomes a file (.eml for e-mail, .txt for SMS) in a folder.</summary>
public sealed class PickupFolderSender(string directory, MessageChannel[] channels) : IMessageSender
{
    public bool CanSend(MessageChannel channel) => channels.Contains(channel);

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var name = Path.Combine(directory, $"{message.CreatedAtUtc:yyyyMMdd'T'HHmmss}-{message.Id}");
        if (message.Channel == MessageChannel.Email)
        {
            var mime = Mail.Build(message, "foreningsbro@localhost");
            await mime.WriteToAsync(name + ".eml", ct);
        }
        else
        {
            await File.WriteAllTextAsync(name + ".txt", $"Til: {message.To}\n\n{message.Body}", ct);
        }
    }
}

public sealed class SmtpSender(IConfiguration config) : IMessageSender
{
    public bool CanSend(MessageChannel channel) => channel == MessageChannel.Email;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var s = config.GetSection("Outbox:Smtp");
        using var client = new SmtpClient();
        await client.ConnectAsync(s["Host"] ?? "localhost", s.GetValue("Port", 587), s.GetValue("StartTls", true) ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(s["UserName"]))
        {
            await client.AuthenticateAsync(s["UserName"]!, s["Password"] ?? "", ct);
        }

        await client.SendAsync(Mail.Build(message, s["From"] ?? "foreningsbro@localhost"), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>An SMS gateway reached by a JSON POST (to, from, message) to a configurable URL, with an optional bearer key.</summary>
public sealed class HttpSmsSender(IHttpClientFactory http, IConfiguration config) : IMessageSender
{
    public bool CanSend(MessageChannel channel) => channel == MessageChannel.Sms;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var s = config.GetSection("Outbox:Sms");
        var url = s["Url"] ?? throw new InvalidOperationException("Outbox:Sms:Url is not set.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { to = message.To, from = s["From"] ?? "Kommunen", message = message.Body }),
        };
        if (!string.IsNullOrEmpty(s["ApiKey"]))
        {
            request.Headers.Authorization = new("Bearer", s["ApiKey"]);
        }

        using var response = await http.CreateClient("sms").SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

internal static class Mail
{
    public static MimeMessage Build(OutboxMessage m, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(m.To));
        mime.Subject = m.Subject;
        mime.Body = new TextPart("plain") { Text = m.Body };
        return mime;
    }
}

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
