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
        });
}
