using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreningsbro.Web.Infrastructure;

public static class Json
{
    /// <summary>
    /// camelCase names (the web default), enums as camelCase strings ("tuesday", "light") rather than
    /// numbers, and numbers as numbers: the web default also reads numbers from strings, which makes
    /// OpenAPI describe every integer as "integer or string".
    /// </summary>
    public static IServiceCollection AddAppJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // {"status":"Visited","status":"Closed"}: which one did the client mean? Refused (400), not guessed.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });

    /// <summary>
    /// A JSON body's charset, checked before an endpoint reads it (issue 14). An empty charset
    /// ("application/json; charset=") made the framework throw (500); it is read as UTF-8, since JSON
    /// is UTF-8 (RFC 8259 §8.1) and an empty parameter names no other encoding. Any other charset
    /// than UTF-8 is 415: the API reads UTF-8 only, and a client sending Latin-1 should hear so
    /// rather than have its æøå garbled. Other media types reach the endpoint, which answers 415.
    /// </summary>
    public static IApplicationBuilder UseJsonCharset(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var header = ctx.Request.ContentType;
            if (ErrorPages.IsApi(ctx.Request) && header is not null && header.Contains("charset", StringComparison.OrdinalIgnoreCase))
            {
                if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(header, out var type))
                {
                    await UnsupportedAsync(ctx, "Content-Type kan ikke læses.");
                    return;
                }

                var charset = type.Charset.Value?.Trim('"');
                if (string.IsNullOrEmpty(charset))
                {
                    type.Charset = "utf-8";
                    ctx.Request.ContentType = type.ToString();
                }
                else if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                {
                    await UnsupportedAsync(ctx, "API'et læser kun JSON i UTF-8 (charset=utf-8).");
                    return;
                }
            }

            await next();
        });

    private static async Task UnsupportedAsync(HttpContext ctx, string detail)
    {
        ctx.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = ctx,
            ProblemDetails = { Title = "Ukendt indholdstype", Detail = detail, Status = StatusCodes.Status415UnsupportedMediaType },
        });
    }
}
