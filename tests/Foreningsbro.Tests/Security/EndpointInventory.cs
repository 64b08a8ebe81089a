using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Security;

/// <summary>
/// One thing a client can ask the app for: a method on a route, and for pages the named handler
/// (<c>?handler=Archive</c>). Its key, <c>POST /hold/{id:int}/rediger?handler=Confirm</c>, is how the
/// anonymous allowlist and the authorization matrix name it.
/// </summary>
public sealed record InventoryEntry(string Method, string Route, string? Handler, Endpoint Endpoint, bool IsPage)
{
    public string Key => $"{Method} {Path}";

    /// <summary>The route with the handler, as the matrix table shows it.</summary>
    public string Path => Handler is null ? Route : $"{Route}?handler={Handler}";

    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);

    public bool AllowsAnonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public IReadOnlyList<IAuthorizeData> AuthorizeData => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
}

/// <summary>Every endpoint of the running app, from its <see cref="EndpointDataSource"/>, by method and page handler.</summary>
public static class EndpointInventory
{
    /// <summary>Any method: health checks answer whatever is asked; the matrix sends GET.</summary>
    public const string AnyMethod = "*";

    public static async Task<List<InventoryEntry>> LoadAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var entries = new List<InventoryEntry>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue;
            }

            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page answers GET and POST whatever handlers it has (without one it just renders),
                // and each named handler is a separate thing to ask for.
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                var handlers = compiled.HandlerMethods
                    .Select(h => (Method: h.HttpMethod.ToUpperInvariant(), Handler: string.IsNullOrEmpty(h.Name) ? null : h.Name))
                    .Concat([("GET", null), ("POST", null)])
                    .Distinct();
                entries.AddRange(handlers.Select(h => new InventoryEntry(h.Method, route, h.Handler, endpoint, IsPage: true)));
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : [AnyMethod];
            entries.AddRange(methods.Select(method => new InventoryEntry(method, route, null, endpoint, IsPage: false)));
        }

        return [.. entries.DistinctBy(e => e.Key).OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>The file in the repository (not the copy in bin/), so a regenerated table lands where git sees it.</summary>
    public static string RepoFile(string relativePath)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Foreningsbro.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Foreningsbro.slnx not found above " + AppContext.BaseDirectory), relativePath);
    }
}
