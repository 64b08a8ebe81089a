using Foreningsbro.Web.Data;
using Foreningsbro.Web.Data.Migrations;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Infrastructure;

public static class Database
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var provider = config["Database:Provider"] ?? Sqlite;
        services.AddSingleton<CatalogueIndex>();
        services.AddSingleton<CatalogueChanges>();
        var connectionString = config.GetConnectionString("Default");

        if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres, so ConnectionStrings:Default must be set.");
            }

            // Transient faults (a terminated backend, a restart, a dropped connection) are retried a few times
            // with a short back-off instead of answering 500 (issue 14, finding 3). A retrying strategy needs
            // every explicit transaction inside it: Transactions.InTransactionAsync.
            var retries = config.GetValue("Database:RetryCount", 4);
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(connectionString, npgsql =>
                {
                    if (retries > 0)
                    {
                        npgsql.ExecutionStrategy(d => new PostgresRetryStrategy(d, retries));
                    }
                })
                .AddInterceptors(sp.GetRequiredService<CatalogueChanges>()));
        }
        else if (provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            connectionString ??= $"Data Source={Path.Combine(env.ContentRootPath, "App_Data", "foreningsbro.db")}";
            var builder = new SqliteConnectionStringBuilder(connectionString);
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            // A default timeout lets concurrent writers wait for the lock instead of failing at once;
            // past it the request is 503 with Retry-After (BusyDatabaseExceptionHandler). Tests shorten it.
            builder.DefaultTimeout = config.GetValue("Database:SqliteBusyTimeoutSeconds", 30);
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(builder.ToString()).AddInterceptors(sp.GetRequiredService<CatalogueChanges>()));
            services.AddHostedService<SqliteStatistics>();
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be '{Sqlite}' or '{Postgres}', not '{provider}'.");
        }

        return services;
    }

    /// <summary>Applies migrations (unless Database:Migrate is false) and, on SQLite, turns on WAL.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        if (app.Configuration.GetValue("Database:Migrate", true))
        {
            await db.Database.MigrateAsync();
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while one writer writes; the setting sticks to the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        // The catalogue search index is built once the app runs; searches use the database until then.
        var catalogue = app.Services.GetRequiredService<CatalogueIndex>();
        app.Lifetime.ApplicationStarted.Register(catalogue.Warm);

        await DemoData.EnsureRolesAsync(scope.ServiceProvider);
        await Features.Referrals.ClosingReasons.EnsureAsync(db);
        if (app.Configuration.GetValue("DemoData:Load", false))
        {
            await DemoData.LoadIfEmptyAsync(scope.ServiceProvider);
            app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
        }
    }

    // A plain console banner, so a new user sees where to go and how to log in.
    private static void PrintWelcome(WebApplication app)
    {
        Console.WriteLine();
        Console.WriteLine($"Foreningsbro kører på {string.Join(", ", app.Urls)}");
        Console.WriteLine($"Demo-logins (adgangskode for alle: {DemoData.Password}):");
        foreach (var (email, name, role) in DemoData.Users)
        {
            Console.WriteLine($"  {role,-13} {email,-36} {name}");
        }

        Console.WriteLine();
    }
}

/// <summary>
/// SQLite's planner needs statistics: without them, at 100,000 teams it walked the title index past
/// every active team for filters an index answers in under a millisecond (docs/benchmarks.md,
/// finding 2). This refreshes them in the background once the app has started, and then every
/// six hours as SQLite advises for long-lived connections, so start-up does not wait for it.
/// The analysis is not sampled (no analysis_limit): a sample of the first 1,000 entries of
/// (Status, Title) saw only active teams and told the planner a status matched 1,001 teams, which
/// brought the title-index walk back (round 3). A full analysis of 100,000 teams takes about 0.4 s,
/// and optimize skips tables whose statistics are still current.
/// </summary>
public sealed partial class SqliteStatistics(IServiceScopeFactory scopes, TimeProvider time, ILogger<SqliteStatistics> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", stoppingToken);
            }
            catch (SqliteException e)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh SQLite's planner statistics.")]
    private partial void LogFailed(Exception e);
}
