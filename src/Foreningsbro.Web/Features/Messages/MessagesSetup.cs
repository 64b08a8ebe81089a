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

        var giveUpAfter = TimeSpan.FromHours(config.GetValue("Outbox:GiveUpAfterHours", OutboxDispatch.DefaultGiveUpAfter.TotalHours));
        services.AddSingleton(sp => new OutboxDispatch(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetServices<IMessageSender>(), sp.GetRequiredService<ILogger<OutboxDispatch>>())
        {
            GiveUpAfter = giveUpAfter,
        });
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
