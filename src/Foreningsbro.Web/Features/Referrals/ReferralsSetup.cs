using System.Threading.RateLimiting;

using Foreningsbro.Web.Data;

using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Features.Referrals;

public static class ReferralsSetup
{
    public const string TokenRateLimit = "token";

    /// <summary>Policies, API bearer tokens, the token rate limit, the outbox dispatcher and its senders.</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(ReferralPolicies.WorksWithCitizens, p => p.RequireRole(Roles.Coordinator, Roles.Professional))
            .AddPolicy(ReferralPolicies.ClubContact, p => p.RequireRole(Roles.ClubContact));

        // Short-lived tokens for integrations; the API accepts them beside the login cookie.
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = TimeSpan.FromMinutes(config.GetValue("Api:TokenMinutes", 30));
            o.RefreshTokenExpiration = TimeSpan.FromHours(8);
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address: slows down password guessing on the token endpoint (lockout covers one account).
            o.AddPolicy(TokenRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Api:TokenRequestsPerMinute", 10), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

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
