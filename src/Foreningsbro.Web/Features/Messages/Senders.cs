using System.Net.Http.Json;

using Foreningsbro.Web.Data;

using MailKit.Net.Smtp;
using MailKit.Security;

using MimeKit;

namespace Foreningsbro.Web.Features.Messages;

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
