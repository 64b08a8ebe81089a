using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Foreningsbro.Web.Features.Catalogue.OpenReferral;

/// <summary>
/// The OpenAPI description names the HSDS records' fields as they are sent: HSDS's snake_case
/// (HsdsJson), not the camelCase of the rest of the API that the generator would otherwise assume.
/// </summary>
public static class HsdsOpenApi
{
    private static readonly string Namespace = typeof(HsdsService).Namespace!;

    public static OpenApiOptions AddOpenReferralNames(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type.Namespace == Namespace && schema.Properties is { Count: > 0 } properties)
            {
                schema.Properties = properties.ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key), p => p.Value);
                if (schema.Required is { Count: > 0 } required)
                {
                    schema.Required = required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToHashSet();
                }
            }

            return Task.CompletedTask;
        });
}
