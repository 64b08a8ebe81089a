using Foreningsbro.Web.Data;

namespace Foreningsbro.Web.Features.Referrals;

public static class ReferralsSetup
{
    /// <summary>The outbox dispatcher and its senders. Policies, bearer tokens and the token rate limit are in Infrastructure/Security.cs.</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
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
