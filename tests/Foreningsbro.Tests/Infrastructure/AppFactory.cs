using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// The real app on a real database of its own: a fresh SQLite file, or a fresh PostgreSQL
/// database when FORENINGSBRO_TEST_POSTGRES holds a server connection string (test.sh sets it).
/// The demo data is loaded, and the clock is fixed at <see cref="Now"/>.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Monday 16 November 2026, 09:00 Danish time: inside the demo teams' season, outside their breaks.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 8, 0, 0, TimeSpan.Zero);

    private readonly string databaseName = "fb_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? sqliteFile;

    public FakeTimeProvider Clock { get; } = new(Now);

    public static string? PostgresServer => Environment.GetEnvironmentVariable("FORENINGSBRO_TEST_POSTGRES");

    public static bool IsPostgres => !string.IsNullOrEmpty(PostgresServer);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (IsPostgres)
        {
            var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = databaseName };
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", cs.ToString());
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), databaseName + ".db");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={sqliteFile}");
        }

        builder.UseSetting("DemoData:Load", "true");
        // Two-factor login is off for the demo users here, as in Development; the two-factor tests turn it on
        // (Account/TwoFactorTests.cs). Every test client logs in from one address: the login limit is lifted
        // except in the test of the limit itself (Account/LoginFindingsTests.cs).
        builder.UseSetting("Account:RequireTwoFactor", "false");
        builder.UseSetting("Account:LoginAttemptsPerMinute", "100000");
        // Tests drive the outbox dispatcher by hand (OutboxDispatch.RunOnceAsync) with the fake clock.
        builder.UseSetting("Outbox:DispatcherEnabled", "false");
        builder.UseSetting("Outbox:PickupDirectory", Path.Combine(Path.GetTempPath(), databaseName + "-outbox"));
        // The citizen's link pages are rate-limited per address (60 a minute); every test client shares one address,
        // and the authorization matrix alone asks them 200 times. CitizenLinkRateLimitTests tests the limit itself.
        builder.UseSetting("Outcomes:LinkRequestsPerMinute", "100000");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public virtual ValueTask InitializeAsync()
    {
        // Building the server runs migrations and loads the demo data.
        _ = Server;
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (IsPostgres)
        {
            await using var conn = new NpgsqlConnection(PostgresServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                if (Directory.Exists(f))
                {
                    Directory.Delete(f);
                }

                File.Delete(f);
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Takes the database away under the running app, as an outage would.</summary>
    public async Task BreakDatabaseAsync()
    {
        if (IsPostgres)
        {
            await using var conn = new NpgsqlConnection(PostgresServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            // A directory where the file was: SQLite can neither open nor re-create it.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile!, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }

            Directory.CreateDirectory(sqliteFile!);
        }
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext on the app's database.</summary>
    public async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDb(Func<AppDbContext, Task> work) => WithDb(async db =>
    {
        await work(db);
        return true;
    });

    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the real login form as the demo user with that e-mail.</summary>
    public async Task<HttpClient> CreateClientAs(string email)
    {
        var client = CreateAnonymousClient();
        var form = await client.GetFormAsync("/konto/log-ind");
        var response = await client.PostFormAsync("/konto/log-ind", form, new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoData.Password,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login as {email} failed");
        return client;
    }

    public Task<HttpClient> CreateCoordinatorClient() => CreateClientAs(DemoUsers.Coordinator);

    public Task<HttpClient> CreateClubContactClient() => CreateClientAs(DemoUsers.ClubContact);

    public async Task<int> TeamId(string title) => await WithDb(db => db.Teams.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
}

public static class DemoUsers
{
    /// <summary>Karin, coordinator of Høje-Taastrup.</summary>
    public const string Coordinator = "koordinator@demo.foreningsbro.dk";
    /// <summary>Frederik, coordinator of Furesø.</summary>
    public const string FuresoeCoordinator = "koordinator.furesoe@demo.foreningsbro.dk";
    /// <summary>Nanna, national administrator: manages municipalities, sees no citizen.</summary>
    public const string NationalAdmin = "admin@demo.foreningsbro.dk";
    public const string Professional = "fagperson@demo.foreningsbro.dk";
    public const string HealthProfessional = "sundhed@demo.foreningsbro.dk";
    /// <summary>Contact for Taastrup Motionsforening.</summary>
    public const string ClubContact = "forening@demo.foreningsbro.dk";
    /// <summary>Contact for Høje-Taastrup Bordtennisklub.</summary>
    public const string OtherClubContact = "forening2@demo.foreningsbro.dk";
    /// <summary>Ida: instructs "Sundere sammen" (Furesø) and "Livsstilsholdet" (Høje-Taastrup); kiosk PIN DemoData.KioskPin.</summary>
    public const string Instructor = "instruktor@demo.foreningsbro.dk";
    /// <summary>Ole: instructs "Sundere sammen" only.</summary>
    public const string OtherInstructor = "instruktor2@demo.foreningsbro.dk";
    /// <summary>Malene, job consultant at Jobcenter Furesø: responsible for "Sundere sammen".</summary>
    public const string FuresoeProfessional = "furesoe@demo.foreningsbro.dk";
}

public static class HtmlClient
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}");
        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The values of the page's form (the one containing the anti-forgery token), as a browser would send them.</summary>
    public static async Task<Dictionary<string, string>> GetFormAsync(this HttpClient client, string url, string? formSelector = null)
    {
        var doc = await client.GetDocumentAsync(url);
        return doc.FormValues(formSelector);
    }

    public static Dictionary<string, string> FormValues(this IHtmlDocument doc, string? formSelector = null)
    {
        var form = (formSelector is null
            ? doc.QuerySelectorAll<IHtmlFormElement>("main form").FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : doc.QuerySelector<IHtmlFormElement>(formSelector)) ?? throw new InvalidOperationException("No form on the page.");
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
            {
                continue;
            }

            values[input.Name!] = input.Value;
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            values[select.Name!] = select.Value ?? "";
        }

        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
        {
            values[area.Name!] = area.Value;
        }

        return values;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> form, Dictionary<string, string>? changes = null)
    {
        var values = new Dictionary<string, string>(form);
        foreach (var (k, v) in changes ?? [])
        {
            values[k] = v;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
