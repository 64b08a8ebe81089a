using System.Globalization;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// One municipality's identity provider (Entra ID, or a broker for MitID Erhverv), from the configuration
/// <c>SingleSignOn:Providers:N</c>. The client secret belongs in the environment or a secret store, not in a file.
/// </summary>
public sealed class SsoProvider
{
    /// <summary>The municipality code (kommunekode) whose staff sign in here, e.g. 169.</summary>
    public int Municipality { get; set; }

    /// <summary>What the button says after "Log ind med", e.g. "Høje-Taastrup Kommune".</summary>
    public string DisplayName { get; set; } = "";

    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the e-mail the user was invited with (<c>email</c>, or <c>upn</c> / <c>preferred_username</c> in Entra ID).</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Only the tests' provider on 127.0.0.1 runs without TLS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Scheme => string.Create(CultureInfo.InvariantCulture, $"sso-{Municipality}");

    public string CallbackPath => string.Create(CultureInfo.InvariantCulture, $"/konto/sso/{Municipality}/retur");
}

/// <summary>
/// Single sign-on with OpenID Connect (issue 12, docs/adr/0019-single-sign-on.md): authorization code flow with PKCE
/// against the municipality's identity provider. The provider says who the person is; Foreningsbro decides what
/// they may do. A person is let in only as an account a coordinator has invited, in the provider's own
/// municipality, active and not locked; nobody is ever created, or given a role, from claims.
/// </summary>
public static class SingleSignOn
{
    /// <summary>The reasons shown on the login page after a refused single sign-on (the address carries the word, never a person).</summary>
    public static readonly IReadOnlyDictionary<string, string> Refusals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ukendt"] = "Du har ingen bruger i Foreningsbro i den kommune. Bed kommunens koordinator om en invitation.",
        ["fejl"] = "Log ind via kommunen mislykkedes. Prøv igen, eller log ind med e-mail og adgangskode.",
        ["afbrudt"] = "Du afbrød log ind via kommunen.",
    };

    public static IReadOnlyList<SsoProvider> Providers(IConfiguration config)
    {
        var providers = config.GetSection("SingleSignOn:Providers").Get<List<SsoProvider>>() ?? [];
        foreach (var p in providers)
        {
            if (p.Municipality <= 0 || string.IsNullOrWhiteSpace(p.ClientId) || string.IsNullOrWhiteSpace(p.DisplayName)
                || !Uri.TryCreate(p.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                throw new InvalidOperationException(
                    "SingleSignOn:Providers: every provider needs Municipality (the code), DisplayName, ClientId and an absolute Authority address.");
            }
        }

        if (providers.GroupBy(p => p.Municipality).Any(g => g.Count() > 1))
        {
            throw new InvalidOperationException("SingleSignOn:Providers: one provider per municipality.");
        }

        return providers;
    }

    /// <summary>One OpenID Connect scheme per configured municipality; the result lands in Identity's external cookie (5 minutes).</summary>
    public static void AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration config)
    {
        foreach (var p in Providers(config))
        {
            authentication.AddOpenIdConnect(p.Scheme, p.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = p.Authority;
                o.ClientId = p.ClientId;
                o.ClientSecret = p.ClientSecret;
                o.RequireHttpsMetadata = p.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.CallbackPath = p.CallbackPath;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.MapInboundClaims = false;
                o.SaveTokens = false; // the provider's tokens are not needed after the login, so they are not kept
                o.GetClaimsFromUserInfoEndpoint = false;
                o.DisableTelemetry = true;
                o.TokenValidationParameters.NameClaimType = "name";
                // Path=/ so the cookies can carry the __Host- prefix over HTTPS (Infrastructure/Proxy.cs drops any that do not).
                o.CorrelationCookie.Path = "/";
                o.NonceCookie.Path = "/";
                o.Events.OnRemoteFailure = ctx => Refuse(ctx.HttpContext, ctx, p, "fejl", ctx.Failure?.GetType().Name ?? "ukendt fejl");
                o.Events.OnAccessDenied = ctx => Refuse(ctx.HttpContext, ctx, p, "afbrudt", "brugeren afbrød hos kommunen");
            });
        }
    }

    /// <summary>A wrong audience, an expired or forged token, a missing correlation cookie: the login page says so in Danish, and the audit log why.</summary>
    private static async Task Refuse(HttpContext http, HandleRequestContext<RemoteAuthenticationOptions> ctx, SsoProvider p, string reason, string why)
    {
        ctx.HandleResponse();
        var audit = http.RequestServices.GetRequiredService<PasswordSignIn>();
        await audit.AuditAsync(http, null, "LoginFailed", $"Log ind via {p.DisplayName} afvist: {why}");
        http.Response.Redirect("/konto/log-ind?sso=" + reason);
    }

    public static void MapSingleSignOn(this WebApplication app)
    {
        app.MapGet("/konto/sso/{municipality:int}", Start).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/konto/sso/svar", Finish).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>"Log ind med …": off to the municipality's identity provider; back at <see cref="Finish"/>.</summary>
    private static IResult Start(int municipality, string? returnUrl, IConfiguration config, SignInManager<AppUser> signIn)
    {
        if (Providers(config).FirstOrDefault(p => p.Municipality == municipality) is not { } provider)
        {
            return Results.NotFound();
        }

        var back = "/konto/sso/svar" + (AccountEndpoints.IsLocal(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : "");
        return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(provider.Scheme, back), [provider.Scheme]);
    }

    /// <summary>Back from the provider with a validated identity token: find the invited account it belongs to, or refuse.</summary>
    private static async Task<IResult> Finish(
        string? returnUrl, HttpContext http, IConfiguration config, SignInManager<AppUser> signIn, UserManager<AppUser> users,
        AppDbContext db, PasswordSignIn audit)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        // The scheme is the one this app wrote into the (encrypted) external cookie when it sent the user away.
        var scheme = external.Properties?.Items.TryGetValue("LoginProvider", out var s) == true ? s : null;
        var provider = Providers(config).FirstOrDefault(p => p.Scheme == scheme);
        var subject = external.Principal?.FindFirstValue("sub");
        if (!external.Succeeded || provider is null || string.IsNullOrEmpty(subject))
        {
            return Results.LocalRedirect("/konto/log-ind?sso=fejl");
        }

        var email = external.Principal!.FindFirstValue(provider.EmailClaim)?.Trim();
        var user = await FindInvitedAsync(provider, subject, email, users, db);
        if (user is null)
        {
            await audit.AuditAsync(http, null, "LoginFailed",
                $"Log ind via {provider.DisplayName} afvist: ingen inviteret, aktiv bruger i kommunen med e-mailen {email ?? "(ingen)"}");
            return Results.LocalRedirect("/konto/log-ind?sso=ukendt");
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.AuditAsync(http, user, "LoginLockedOut", $"Log ind via {provider.DisplayName} afvist: kontoen er låst");
            return Results.LocalRedirect("/konto/log-ind?sso=fejl");
        }

        // The identity provider has done the authentication (and its own second factor); Foreningsbro's session starts here.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: provider.Scheme);
        await audit.AuditAsync(http, user, "LoginSucceeded", $"Logget ind via {provider.DisplayName} (single sign-on)");
        return Results.LocalRedirect(AccountEndpoints.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// The account the provider's subject is bound to; else, the first time, the invited account with the e-mail the
    /// provider vouches for, which is then bound to the subject. Only an active account of the provider's municipality.
    /// </summary>
    private static async Task<AppUser?> FindInvitedAsync(SsoProvider provider, string subject, string? email, UserManager<AppUser> users, AppDbContext db)
    {
        var municipalityId = await db.Municipalities.Where(m => m.Code == provider.Municipality).Select(m => (int?)m.Id).SingleOrDefaultAsync();
        if (municipalityId is null)
        {
            return null;
        }

        var user = await users.FindByLoginAsync(provider.Scheme, subject);
        if (user is null && !string.IsNullOrEmpty(email) && await users.FindByEmailAsync(email) is { } invited)
        {
            // Bound to another subject of this provider already: that e-mail now names someone else there.
            var logins = await users.GetLoginsAsync(invited);
            if (logins.Any(l => l.LoginProvider == provider.Scheme) || invited.MunicipalityId != municipalityId || invited.DeactivatedAtUtc is not null)
            {
                return null;
            }

            var bound = await users.AddLoginAsync(invited, new UserLoginInfo(provider.Scheme, subject, provider.DisplayName));
            user = bound.Succeeded ? invited : null;
        }

        return user is { DeactivatedAtUtc: null } && user.MunicipalityId == municipalityId ? user : null;
    }
}
