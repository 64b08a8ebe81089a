using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;

using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Foreningsbro.Tests.Citizens;

/// <summary>
/// Issue 14, finding 3: a retried create makes one citizen, and PostgreSQL connection faults under load
/// are retried instead of answering 500.
/// </summary>
public class CitizenRetryTests(CitizenRetryTests.Factory app) : IClassFixture<CitizenRetryTests.Factory>
{
    /// <summary>The app with the retry count from FORENINGSBRO_TEST_DB_RETRIES when set (0 measures the app without retrying).</summary>
    public sealed class Factory : AppFactory
    {
        public string DatabaseName { get; private set; } = "";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // TEMP
            if (Environment.GetEnvironmentVariable("FORENINGSBRO_TEST_DB_RETRIES") is { Length: > 0 } retries)
            {
                builder.UseSetting("Database:RetryCount", retries);
            }
        }

        public override ValueTask InitializeAsync()
        {
            _ = Server;
            DatabaseName = WithDb(db => Task.FromResult(db.Database.GetDbConnection().Database)).GetAwaiter().GetResult();
            return ValueTask.CompletedTask;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Body(string firstName, string lastName, Guid? key) => new
    {
        firstName,
        lastName,
        phone = (string?)null,
        email = (string?)null,
        birthYear = 1970,
        postalCode = "2630",
        targetGroup = "ChronicIllnessWeakAttachment",
        preferredChannel = "Phone",
        consents = new[] { "ShareWithClub" },
        idempotencyKey = key,
    };

    private Task<int> CountAsync(string lastName) => app.WithDb(db => db.Citizens.CountAsync(c => c.LastName == lastName, Ct));

    [Fact]
    public async Task A_retried_post_with_the_same_key_gives_the_same_citizen_once()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var key = Guid.NewGuid();

        var first = await client.PostAsJsonAsync("/api/v1/citizens", Body("Gentaget", "Nøglesen", key), Ct);
        var again = await client.PostAsJsonAsync("/api/v1/citizens", Body("Gentaget", "Nøglesen", key), Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync(Ct));
        again.Headers.Location.ShouldBe(first.Headers.Location);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("possibleDuplicates").GetArrayLength().ShouldBe(0, "the citizen is not its own duplicate");
        (await CountAsync("Nøglesen")).ShouldBe(1);
    }

    [Fact]
    public async Task Five_posts_at_once_with_one_key_make_one_citizen()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var key = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(
            () => client.PostAsJsonAsync("/api/v1/citizens", Body("Samtidig", "Nøglefem", key), Ct), Ct)));

        foreach (var r in responses)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync(Ct));
        }

        responses.Select(r => r.Headers.Location!.ToString()).Distinct().Count().ShouldBe(1);
        (await CountAsync("Nøglefem")).ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_key_two_posts_are_two_citizens()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        await client.CreateCitizenAsync(Body("Uden", "Nøglefri", null));
        await client.CreateCitizenAsync(Body("Uden", "Nøglefri", null));
        (await CountAsync("Nøglefri")).ShouldBe(2);
    }

    [Fact]
    public async Task A_key_used_for_a_citizen_the_user_cannot_see_is_refused_and_names_the_field()
    {
        var key = Guid.NewGuid();
        var coordinator = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        var professionalDepartment = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.Professional).Select(u => u.DepartmentId).SingleAsync(Ct));
        var department = await app.WithDb(db => db.Departments.Where(d => d.Id != professionalDepartment).Select(d => d.Id).FirstAsync(Ct));
        var made = await coordinator.PostAsJsonAsync("/api/v1/citizens", new
        {
            firstName = "Fremmed",
            lastName = "Nøglesker",
            birthYear = 1970,
            postalCode = "2630",
            targetGroup = "ChronicIllnessWeakAttachment",
            preferredChannel = "Phone",
            departmentId = department,
            idempotencyKey = key,
        }, Ct);
        made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync(Ct));

        var professional = await app.CreateBearerClientAs(DemoUsers.Professional);
        var response = await professional.PostAsJsonAsync("/api/v1/citizens", Body("Fremmed", "Nøglesker", key), Ct);

        (await response.FieldError("idempotencyKey")).ShouldBe("Nøglen er allerede brugt. Send med en ny nøgle.");
        (await CountAsync("Nøglesker")).ShouldBe(1);
    }

    [Fact]
    public async Task A_double_submit_of_the_new_citizen_form_makes_one_citizen()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var form = await pro.GetFormAsync("/borgere/ny");
        Guid.Parse(form["Input.IdempotencyKey"]).ShouldNotBe(Guid.Empty);
        form["Input.FirstName"] = "Dobbelt";
        form["Input.LastName"] = "Klikkesen";
        form["Input.BirthYear"] = "1981";
        form["Input.PostalCode"] = "2630";
        form["Input.TargetGroup"] = "OutsideLabourMarketAtRisk";
        form["Input.PreferredChannel"] = "Phone";

        // Two at once (a double click), then the same form once more (a reload of the post).
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => pro.PostFormAsync("/borgere/ny", form), Ct)));
        var third = await pro.PostFormAsync("/borgere/ny", form);

        var ids = await app.WithDb(db => db.Citizens.Where(c => c.LastName == "Klikkesen").Select(c => c.Id).ToListAsync(Ct));
        ids.Count.ShouldBe(1);
        foreach (var r in twice.Append(third))
        {
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync(Ct));
            r.Headers.Location!.ToString().ShouldBe($"/borgere/{ids[0]}");
        }
    }

    /// <summary>
    /// Eight clients create citizens (each with its own key) and read them back while a second connection
    /// terminates every one of the app's PostgreSQL backends ten times, 0.4 s apart. A client that gets a 500 tries
    /// once more with the same key, as a careful integration would. Nothing may answer 500, and each key
    /// may give one citizen.
    /// </summary>
    [Fact]
    public async Task Terminated_database_connections_mid_load_give_no_500_and_no_duplicate_citizen()
    {
        Assert.SkipUnless(AppFactory.IsPostgres, "PostgreSQL connection faults");
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var answers = new ConcurrentBag<(string What, HttpStatusCode Status)>();
        var keys = new ConcurrentDictionary<string, Guid>();
        using var stop = new CancellationTokenSource();

        var terminations = 0;
        var terminator = Task.Run(async () =>
        {
            await using var admin = new NpgsqlConnection(AppFactory.PostgresServer);
            await admin.OpenAsync(Ct);
            // Ten rounds, as the reliability review's ten terminated backends; each round ends every connection the app has.
            for (var round = 0; round < 10 && !stop.IsCancellationRequested; round++)
            {
                await Task.Delay(400, Ct);
                await using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
                kill.Parameters.AddWithValue("db", app.DatabaseName);
                terminations += Convert.ToInt32(await kill.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
            }
        }, Ct);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                var lastName = $"Afbrudt{worker}x{i}";
                var key = keys[lastName] = Guid.NewGuid();
                var created = await client.PostAsJsonAsync("/api/v1/citizens", Body("Fejl", lastName, key), Ct);
                answers.Add(("POST", created.StatusCode));
                if (created.StatusCode == HttpStatusCode.InternalServerError)
                {
                    created = await client.PostAsJsonAsync("/api/v1/citizens", Body("Fejl", lastName, key), Ct);
                    answers.Add(("POST again", created.StatusCode));
                }

                if (created.StatusCode == HttpStatusCode.Created)
                {
                    answers.Add(("GET", (await client.GetAsync(created.Headers.Location, Ct)).StatusCode));
                }
            }
        }, Ct)));
        await stop.CancelAsync();
        await terminator;
        NpgsqlConnection.ClearAllPools(); // the check below must not meet a terminated connection itself

        var rows = await app.WithDb(db => db.Citizens.AsNoTracking().Where(c => c.FirstName == "Fejl").Select(c => new { c.LastName, c.IdempotencyKey }).ToListAsync(Ct));
        var duplicates = rows.GroupBy(r => r.LastName).Count(g => g.Count() > 1);
        var fiveHundreds = answers.Count(a => a.Status == HttpStatusCode.InternalServerError);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{answers.Count} answers in {clock.Elapsed.TotalSeconds:0.0} s, {terminations} backends terminated: {fiveHundreds} × 500, " +
            $"{duplicates} duplicate citizens; " + string.Join(", ", answers.GroupBy(a => (a.What, a.Status)).Select(g => $"{g.Key.What} {(int)g.Key.Status}: {g.Count()}")));

        terminations.ShouldBeGreaterThan(0, "the test must actually break connections");
        answers.Where(a => a.Status == HttpStatusCode.InternalServerError).ShouldBeEmpty();
        duplicates.ShouldBe(0);
        rows.Count.ShouldBe(keys.Count, "every key made exactly one citizen");
        rows.ShouldAllBe(r => r.IdempotencyKey != null && keys[r.LastName] == r.IdempotencyKey);
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.OK);
    }
}

/// <summary>Issue 14, finding 3: a retrying strategy can only retry a transaction it runs itself.</summary>
public class TransactionSourceTests
{
    [Fact]
    public void Every_explicit_transaction_begins_in_Transactions_InTransactionAsync()
    {
        var begins = Directory.EnumerateFiles(Sources.WebProject, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Sources.WebProject, f))
            .ToList();
        begins.ShouldBe([Path.Combine("Infrastructure", "Transactions.cs")]);
    }
}
