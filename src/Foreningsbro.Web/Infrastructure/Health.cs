using Foreningsbro.Web.Data;

namespace Foreningsbro.Web.Infrastructure;

public static class Health
{
    public static IServiceCollection AddAppHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    public static void MapAppHealthChecks(this WebApplication app) =>
        app.MapHealthChecks("/healthz").AllowAnonymous().DisableHttpMetrics();
}
