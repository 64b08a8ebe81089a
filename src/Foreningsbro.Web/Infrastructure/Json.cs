using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreningsbro.Web.Infrastructure;

public static class Json
{
    /// <summary>camelCase names (the web default) and enums as camelCase strings ("tuesday", "light"), not numbers.</summary>
    public static IServiceCollection AddAppJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
}
