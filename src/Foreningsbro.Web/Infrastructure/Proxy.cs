using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Primitives;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// Running behind the municipality's TLS reverse proxy (issue 12, docs/adr/0016-sessions-proxy-and-instances.md):
/// X-Forwarded-For/-Proto/-Host are believed only from the proxies named in <c>Proxy:KnownProxies</c> and
/// <c>Proxy:KnownNetworks</c> (none by default, so a client cannot claim another address, scheme or host);
/// over HTTPS every cookie gets the <c>__Host-</c> prefix and <c>Secure</c>; outside Development the site's
/// public address must be configured, so the Host header never decides a link in a message or a QR code.
/// </summary>
public static class Proxy
{
    public const string HostPrefix = "__Host-";

    public static IServiceCollection AddAppProxy(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        RequirePublicBaseUrl(config, env);
        var proxies = Values(config, "Proxy:KnownProxies").Select(v => IPAddress.TryParse(v, out var ip) ? ip
            : throw new InvalidOperationException($"Proxy:KnownProxies: '{v}' is not an IP address.")).ToList();
        var networks = Values(config, "Proxy:KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var n) ? n
            : throw new InvalidOperationException($"Proxy:KnownNetworks: '{v}' is not a network such as 10.0.0.0/8.")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust loopback; here only what the configuration names is a proxy.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // One proxy in front: the right-most X-Forwarded-For entry is the one the proxy wrote; what the client
            // put before it is its own claim and ignored. With more proxies in a chain, raise it.
            o.ForwardLimit = config.GetValue("Proxy:ForwardLimit", 1);
        });
        return services;
    }

    /// <summary>First in the pipeline: the client's address, scheme and host as the trusted proxy saw them, then the cookie prefix.</summary>
    public static IApplicationBuilder UseAppProxy(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        return app.Use(async (ctx, next) =>
        {
            if (ctx.Request.IsHttps)
            {
                // Over HTTPS only __Host- cookies count: a cookie set over plain HTTP or by a neighbouring
                // subdomain cannot carry the prefix, so it cannot pose as a login or antiforgery cookie.
                if (ctx.Request.Headers.Cookie.Count > 0)
                {
                    ctx.Request.Headers.Cookie = Unprefix(ctx.Request.Headers.Cookie);
                }

                ctx.Response.OnStarting(() =>
                {
                    if (ctx.Response.Headers.SetCookie.Count > 0)
                    {
                        ctx.Response.Headers.SetCookie = new StringValues([.. ctx.Response.Headers.SetCookie.Select(c => Prefix(c!))]);
                    }

                    return Task.CompletedTask;
                });
            }

            await next();
        });
    }

    /// <summary>The request's cookies that carry the prefix, named without it; every other cookie is dropped.</summary>
    public static string Unprefix(StringValues header)
    {
        var kept = new List<string>();
        foreach (var part in header.SelectMany(h => (h ?? "").Split(';')))
        {
            var pair = part.Trim();
            if (pair.StartsWith(HostPrefix, StringComparison.Ordinal) && pair.Length > HostPrefix.Length)
            {
                kept.Add(pair[HostPrefix.Length..]);
            }
        }

        return string.Join("; ", kept);
    }

    /// <summary>A Set-Cookie value with the prefix and the attributes the prefix requires (Secure, Path=/, no Domain).</summary>
    public static string Prefix(string setCookie)
    {
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim()).ToList();
        if (setCookie.StartsWith(HostPrefix, StringComparison.Ordinal)
            || attributes.Any(a => a.StartsWith("domain=", StringComparison.OrdinalIgnoreCase))
            || attributes.Any(a => a.StartsWith("path=", StringComparison.OrdinalIgnoreCase) && !a.Equals("path=/", StringComparison.OrdinalIgnoreCase)))
        {
            return setCookie; // not one of ours, or one the prefix cannot carry
        }

        var value = HostPrefix + setCookie;
        if (!attributes.Any(a => a.Equals("path=/", StringComparison.OrdinalIgnoreCase)))
        {
            value += "; path=/";
        }

        if (!attributes.Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase)))
        {
            value += "; secure";
        }

        return value;
    }

    /// <summary>
    /// Outside Development (and the tests) PublicBaseUrl must be an absolute http(s) address. Without it the
    /// Host header of whoever asks would decide the address in a reset e-mail, an invitation or a leaflet's
    /// QR code: a password-reset link could point at an attacker's host. The app refuses to start instead.
    /// </summary>
    public static void RequirePublicBaseUrl(IConfiguration config, IHostEnvironment env)
    {
        if (env.IsDevelopment() || env.IsEnvironment("Testing"))
        {
            return;
        }

        var value = config["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"PublicBaseUrl must be set to the site's public address (e.g. https://foreningsbro.kommune.dk) in the {env.EnvironmentName} environment: links in e-mails and QR codes on leaflets use it, and without it the request's Host header would decide them."));
        }
    }

    /// <summary>A list setting: an array (<c>Proxy:KnownProxies:0</c>) or one string separated by commas or spaces.</summary>
    private static IEnumerable<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var items = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return items.SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
