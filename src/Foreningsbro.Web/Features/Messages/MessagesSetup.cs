using Foreningsbro.Web.Data;


namespace Foreningsbro.Web.Features.Messages;

public static class MessagesSetup
{
    /// <summary>The outbox dispatcher and the senders chosen by configuration (pickup folder, SMTP, HTTP SMS gateway).</summary>
    public static IServiceCollection AddMessages(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddHttpClient("sms");
        var pickup = config["Outbox:PickupDirectory"] ?? Path.Combine(env.ContentRootPath, "App_Data", "outbox");
        var emailViaSmtp = string.Equals(config["Outbox:EmailSender"], "Smtp", StringComparison.OrdinalIgnoreCase);
        var smsViaHttp = string.Equals(config["Outbox:SmsSender"], "Http", StringComparison.OrdinalIgnoreCase);
        MessageChannel[] toPickup = [.. new[] { emailViaSmtp ? (MessageChannel?)null : MessageChannel.Email, smsViaHttp ? null : MessageChannel.Sms }.OfType<MessageChannel>()];
        if (toPickup.Length > 0)
        {
            services.AddSingleton<IMessageSender>(new PickupFolderSender(pickup, toPickup));
        }

        if (emailViaSmtp)
        {
            services.AddSingleton<IMessageSender, SmtpSender>();
        }

        if (smsViaHttp)
        {
            services.AddSingleton<IMessageSender, HttpSmsSender>();
        }

        services.AddSingleton<OutboxDispatch>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
