using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Features.Account;

/// <summary>The services of signing in: the password step, two-factor login and single sign-on (called from Infrastructure/Security.cs).</summary>
public static class SignInSetup
{
    /// <summary>How long "husk denne enhed" spares a device the code: 30 days at most (issue 12).</summary>
    public static readonly TimeSpan RememberDevice = TimeSpan.FromDays(30);

    public static IServiceCollection AddAppSignIn(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PasswordSignIn>();
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.ExpireTimeSpan = RememberDevice;
            o.SlidingExpiration = false;
        });
        return services;
    }
}
