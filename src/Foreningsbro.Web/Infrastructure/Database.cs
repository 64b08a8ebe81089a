using Foreningsbro.Web.Data;
using Foreningsbro.Web.Data.Migrations;
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
        var connectionString = config.GetConnectionString("Default");

        if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres, so ConnectionStrings:Default must be set.");
            }

            services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
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

            // A default timeout lets concurrent writers wait for the lock instead of failing at once.
            builder.DefaultTimeout = 30;
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(builder.ToString()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be '{Sqlite}' or '{Postgres}', not '{provider}'.");
        }

        return services;
    }

    /// <summary>Applies migrations (unless Database:Migrate is false) and, on SQLite, turns on WAL and refreshes planner statistics.</summary>
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

            // Without statistics SQLite's planner guesses, and at 100,000 teams it walked the
            // title index past every active team for filters an index answers in under a
            // millisecond (docs/benchmarks.md, finding 2). optimize=0x10002 analyses the tables
            // that need it, and analysis_limit caps each index's scan at ~1,000 rows, so start-up
            // stays fast on a large file (at 100,000 teams no change beyond noise).
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;");
        }

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
