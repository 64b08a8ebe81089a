using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Foreningsbro.Tests.Account;

/// <summary>What the provider does wrong on purpose, so the app's refusals can be seen.</summary>
public enum ProviderFault
{
    None,
    /// <summary>The identity token is made out to another client.</summary>
    WrongAudience,
    /// <summary>The identity token expired an hour ago.</summary>
    Expired,
}

/// <summary>
/// A real OpenID Connect provider for the tests (OpenIddict's server, Apache-2.0) on Kestrel at 127.0.0.1: discovery,
/// signing keys, the authorization endpoint (which signs in <see cref="NextUser"/> without a login form, as an
/// identity provider with a running session would) and the token endpoint with client secret and PKCE.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "foreningsbro";
    public const string ClientSecret = "en-hemmelighed-kun-til-testene";

    private WebApplication? app;

    /// <summary>Who the provider says signs in next: its subject (as Entra's object id) and the e-mail claim.</summary>
    public (string Subject, string? Email) NextUser { get; set; } = ("subject-1", null);

    public ProviderFault Fault { get; set; }

    /// <summary>The one redirect address the client is registered with.</summary>
    public string RedirectUri { get; set; } = "https://localhost/konto/sso/169/retur";

    public string Authority { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            // No database: the client and its secret are checked by the two handlers below.
            o.EnableDegradedMode();
            o.DisableScopeValidation();
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId)
                {
                    ctx.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (ctx.RedirectUri != RedirectUri)
                {
                    ctx.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId || ctx.ClientSecret != ClientSecret)
                {
                    ctx.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
            o.AddEventHandler<ProcessSignInContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.IdentityTokenPrincipal is { } principal)
                {
                    switch (Fault)
                    {
                        case ProviderFault.WrongAudience:
                            principal.SetAudiences("en-anden-klient");
                            break;
                        case ProviderFault.Expired:
                            principal.SetCreationDate(DateTimeOffset.UtcNow.AddHours(-2)).SetExpirationDate(DateTimeOffset.UtcNow.AddHours(-1));
                            break;
                    }
                }

                return default;
            }).SetOrder(OpenIddictServerHandlers.PrepareIdentityTokenPrincipal.Descriptor.Order + 1));
        });

        app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/connect/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity("test-idp", Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, NextUser.Subject).SetClaim(Claims.Name, "Testperson");
            if (NextUser.Email is { } email)
            {
                identity.SetClaim(Claims.Email, email);
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            // The code's principal, as the authorization endpoint made it; OpenIddict has checked the code and PKCE.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Authority = address.TrimEnd('/') + "/";
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
