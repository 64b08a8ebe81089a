using Foreningsbro.Web.Data;

using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreningsbro.Web.Infrastructure;

public static class Health
{
    public static IServiceCollection AddAppHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    public static void MapAppHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous().DisableHttpMetrics();

        // Liveness: the process answers, without touching the database. A probe restarts the app
        // only when this fails, not when the database is briefly away; the benchmark also uses it
        // as the machine's ceiling (the cheapest request the app can serve).
        app.MapGet("/healthz/live", Live)
            .AllowAnonymous()
            .DisableHttpMetrics()
            .ExcludeFromDescription()
            .WithName("Liveness")
            .WithSummary("Svarer \"ok\", når processen kører (rører ikke databasen).");
    }

    private static ContentHttpResult Live() => TypedResults.Text("ok");
}
