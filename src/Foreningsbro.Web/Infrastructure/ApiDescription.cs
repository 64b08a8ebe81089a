using System.Security.Cryptography;
using Foreningsbro.Web.Features.Catalogue.OpenReferral;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// The OpenAPI description at /openapi/v1.json and its reference page at /api-dokumentation (issue 17):
/// who may call each operation (bearer token or login cookie, or nobody needs to sign in), the 401/403/429
/// answers the app gives on the way in, a description of every tag. The UI's form posts are not in it
/// (ExcludeFromDescription where they are mapped). `./test.sh` lints the document with @redocly/cli.
/// </summary>
public static class ApiDescription
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    /// <summary>The reference page for developers (Scalar, served from the package's own files).</summary>
    public const string ReferencePage = "/api-dokumentation";

    private const string NonceItem = "foreningsbro:csp-nonce";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Log ind"] = "Bearer-token til integrationer: byt e-mail og adgangskode til et token, der gælder 30 minutter.",
        ["Katalog"] = "Det offentlige katalog over foreningernes hold og foreninger. Kræver ikke login.",
        ["Open Referral (HSDS 3.0)"] = "Kataloget efter Open Referral Human Services Data Specification 3.0: foreninger som organizations, hold som services, mødesteder som locations. Kræver ikke login.",
        ["OpenActive"] = "Holdene som OpenActive SessionSeries i et RPDE-ændringsfeed (modified/id), arkiverede hold som state deleted. Kræver ikke login.",
        ["Borgere"] = "Borgere, som koordinatoren og fagpersonerne arbejder med. Hvert opslag skrives i adgangsloggen.",
        ["Henvisninger"] = "Henvisninger af borgere til hold og foreningernes opfølgning på besøgene.",
        ["Rapporter"] = "Tal for kommunen (koordinatoren).",
        ["Forløb"] = "Kommunale forløb, deres gange og fremmøde.",
        ["Målinger"] = "Spørgeskemaer om trivsel og helbred (WHO-5 m.fl.): skemaerne, og en borgers svar og udvikling. Kun med borgerens samtykke; hvert opslag skrives i adgangsloggen.",
    };

    public static IServiceCollection AddAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o
            .AddOpenReferralNames()
            .AddOperationTransformer(DescribeAccess)
            .AddDocumentTransformer(DescribeDocument));

    public static void MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        // Public like the document it shows: the catalogue and HSDS are public, and the document holds no data.
        app.MapScalarApiReference(ReferencePage, (options, ctx) =>
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            ctx.Items[NonceItem] = nonce;
            options.WithTitle("Foreningsbro API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .AddPreferredSecuritySchemes(BearerScheme);
        }).AllowAnonymous();
    }

    /// <summary>
    /// The reference page runs Scalar's script, which the page itself starts inline and which writes its own
    /// styles: that page alone gets the request's nonce for scripts and inline styles.
    /// </summary>
    public static string? ScriptNonce(HttpContext ctx) => ctx.Items[NonceItem] as string;

    private static Task DescribeAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty requirement: no sign-in needed (said explicitly, so no operation is left unsaid).
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else if (metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
            ];
            AddProblem(operation, document, StatusCodes.Status401Unauthorized, "Ikke logget ind: intet eller et udløbet token.");
            AddProblem(operation, document, StatusCodes.Status403Forbidden,
                "Brugerens rolle må ikke dette, eller et skrivende kald med login-cookien kom fra et andet websted.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            AddProblem(operation, document, StatusCodes.Status429TooManyRequests, "For mange forsøg; prøv igen senere.");
        }

        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Foreningsbro API",
            Version = "v1",
            Description =
                "Foreningsbro's API: det offentlige katalog (`/api/v1/teams`, `/api/v1/clubs`) og det samme katalog som " +
                "Open Referral HSDS 3.0 (`/api/openreferral`) uden login; borgere, henvisninger, forløb og rapporter med et " +
                "bearer-token fra `POST /api/v1/auth/token` (eller login-cookien fra samme websted). Fejl er ProblemDetails " +
                "(RFC 9457); et ugyldigt felt nævnes i `errors`.",
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Token fra `POST /api/v1/auth/token` i headeren `Authorization: Bearer …`; gælder 30 minutter.",
            },
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Security.LoginCookie,
                Description = "Login-cookien fra siderne. Kun fra samme websted: skrivende kald med cookien fra et andet websted afvises (403).",
            },
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
