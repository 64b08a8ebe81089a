using System.Threading.RateLimiting;

using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Infrastructure;

public static class Policies
{
    public const string Coordinator = "Coordinator";
    /// <summary>Coordinators and club contacts: the people who keep team listings current.</summary>
    public const string EditsTeams = "EditsTeams";
}

public static class Security
{
    public const string TokenRateLimit = "token";

    public static IServiceCollection AddAppSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "foreningsbro";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/konto/log-ind";
            o.LogoutPath = "/konto/log-ud";
            o.AccessDeniedPath = "/konto/ingen-adgang";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers with status codes; only pages redirect to the login form.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            // Deny by default: everything needs a signed-in user unless it says otherwise.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(Roles.Coordinator))
            .AddPolicy(Policies.EditsTeams, p => p.RequireRole(Roles.Coordinator, Roles.ClubContact));

        services.AddAuthorizationBuilder()
            .AddPolicy(Foreningsbro.Web.Features.Citizens.ReferralPolicies.WorksWithCitizens, p => p.RequireRole(Roles.Coordinator, Roles.Professional))
            .AddPolicy(Foreningsbro.Web.Features.Citizens.ReferralPolicies.ClubContact, p => p.RequireRole(Roles.ClubContact));

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

        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data: https:; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; " +
                "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            await next();
        });

    /// <summary>The club a club contact may edit, or null for everyone else.</summary>
    public static int? ClubId(this System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(AppClaims.ClubId)?.Value, out var id) ? id : null;

    public static int? DepartmentId(this System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(AppClaims.DepartmentId)?.Value, out var id) ? id : null;

    public static string DisplayName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(AppClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
}

public static class AppClaims
{
    public const string ClubId = "foreningsbro:club";
    public const string DepartmentId = "foreningsbro:department";
    public const string DisplayName = "foreningsbro:name";
}

/// <summary>Puts the user's club, department and name into the login cookie, so pages need no extra query to scope data.</summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new(AppClaims.DisplayName, user.DisplayName));
        if (user.ClubId is { } club)
        {
            identity.AddClaim(new(AppClaims.ClubId, club.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new(AppClaims.DepartmentId, department.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
