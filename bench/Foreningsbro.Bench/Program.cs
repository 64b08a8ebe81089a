using System.Diagnostics;
using System.Globalization;

using Foreningsbro.Bench;

// Foreningsbro's national-scale benchmark: generates a catalogue, starts the app against it and loads it over HTTP.
// Usage: dotnet run -c Release --project bench/Foreningsbro.Bench -- [options]   (see Options.Usage)
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

var root = Options.RepositoryRoot();
var appDll = options.App ?? Path.Combine(root, "src", "Foreningsbro.Web", "bin", "Release", "net10.0", "Foreningsbro.Web.dll");
if (!options.GenerateOnly && !File.Exists(appDll))
{
    Console.Error.WriteLine($"The app's Release build is missing: {appDll}\nBuild it first: dotnet build -c Release");
    return 2;
}

var postgres = options.Postgres ?? Environment.GetEnvironmentVariable("FORENINGSBRO_BENCH_POSTGRES");
var providers = options.Providers ?? (string.IsNullOrWhiteSpace(postgres) ? [Provider.Sqlite] : [Provider.Sqlite, Provider.Postgres]);
if (providers.Contains(Provider.Postgres) && string.IsNullOrWhiteSpace(postgres))
{
    Console.Error.WriteLine("PostgreSQL needs a server: set FORENINGSBRO_BENCH_POSTGRES or pass --postgres \"Host=127.0.0.1;Port=...;Username=...\".");
    return 2;
}

var dataDirectory = options.Smoke ? Directory.CreateTempSubdirectory("foreningsbro-bench-").FullName : Path.Combine(root, "bench", "data");
var today = DateOnly.FromDateTime(DateTime.Now);
// The bridging history ends at the start of today (UTC): the same data all day, and never in the future.
var nowUtc = DateTime.SpecifyKind(DateTime.UtcNow.Date, DateTimeKind.Utc);
var seasonStart = new DateOnly(today.Month >= 7 ? today.Year : today.Year - 1, 8, 17);
var settings = new RunSettings(options.Connections, options.Duration, options.Warmup, options.Seed, seasonStart,
    DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), Report.LoadAverage(),
    Path.GetRelativePath(root, appDll));

// Everything is bounded: each scenario by time and request count, the whole run by --max-minutes.
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxMinutes));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
ThreadPool.SetMinThreads(options.Connections * 2, options.Connections * 2);

var total = Stopwatch.StartNew();
var runs = new List<AppRun>();
var prepared = new List<PreparedDatabase>();
var failures = new List<string>();
try
{
    foreach (var provider in providers)
    {
        foreach (var teams in options.Teams)
        {
            Console.WriteLine($"{Report.Name(provider)}, {teams:N0} teams");
            var db = await BenchDatabase.PrepareAsync(provider, teams, options.CitizensFor(teams), options.Seed, seasonStart, nowUtc, dataDirectory, postgres, options.Reuse, cancel.Token);
            prepared.Add(db);
            if (options.ScratchSql is { } sql)
            {
                db = await BenchDatabase.ScratchCopyAsync(db, sql, cancel.Token);
            }

            if (options.GenerateOnly)
            {
                continue;
            }

            await using var app = await AppProcess.StartAsync(appDll, db, options.LogSql, cancel.Token);
            Console.WriteLine($"  app started in {app.StartupTime.TotalSeconds:F2} s, {app.StartupCpu.TotalSeconds:F2} s of CPU (pid {app.Pid})");
            using var runner = new LoadRunner(app, options.Connections);
            var (firstSearch, firstStatus) = await runner.OnceAsync(Scenarios.SearchUrl(new Random(options.Seed), db), cancel.Token);
            if (firstStatus is < 200 or > 299)
            {
                failures.Add($"{Report.Name(provider)} {teams}: the first search answered {firstStatus}");
            }

            // Searches are answered from memory once the app's search index is built (ADR 0009); the
            // scenarios measure that steady state, and the table reports when it was reached.
            var indexReady = await app.SearchIndexReadyAsync(TimeSpan.FromSeconds(120), cancel.Token);
            Console.WriteLine(indexReady is { } ready ? $"  search index ready {ready.TotalSeconds:F2} s after start" : "  search index not ready within 120 s: searches use the database");

            var session = db.Bridging is { } bridging ? await BenchSession.LoginAsync(app.BaseAddress, bridging, cancel.Token) : null;
            var results = new List<ScenarioResult>();
            foreach (var scenario in Scenarios.All(db, session).Where(s => options.Scenarios is null || options.Scenarios.Contains(s.Name)))
            {
                if (options.Warmup > TimeSpan.Zero)
                {
                    await runner.RunAsync(scenario, options.Warmup, options.MaxRequests, options.Seed + 1000, cancel.Token);
                }

                var result = await runner.RunAsync(scenario, options.Duration, options.MaxRequests, options.Seed, cancel.Token);
                results.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {scenario.Name,-18} {result.RequestsPerSecond,8:N0} req/s  p50 {result.P50,6:F1}  p95 {result.P95,6:F1}  p99 {result.P99,6:F1} ms  cpu {result.AppCpuMsPerRequest,5:F2} ms/req  errors {result.Errors}/{result.Requests}  rss {result.PeakRssMb:F0} MiB  load {Report.LoadAverage()}"));
                foreach (var sample in result.ErrorSamples)
                {
                    Console.WriteLine($"    error: {sample}");
                }

                if (result.Errors > 0 || result.Successes == 0)
                {
                    failures.Add($"{Report.Name(provider)} {teams} {scenario.Name}: {result.Errors} errors, {result.Successes} successful requests");
                }
            }

            var peak = app.Memory()?.Peak ?? double.NaN;
            runs.Add(new AppRun(db, app.StartupTime, app.StartupCpu, firstSearch, indexReady, peak, results));
        }
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    failures.Add($"The run was stopped (Ctrl+C or --max-minutes {options.MaxMinutes}).");
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or System.Data.Common.DbException)
{
    failures.Add(e.ToString());
}
finally
{
    if (options.Smoke)
    {
        // Smoke data is throwaway: remove the temp folder and the smoke databases.
        foreach (var db in prepared.Where(d => d.Provider == Provider.Postgres))
        {
            await BenchDatabase.DropAsync(Provider.Postgres, db.ConnectionString, CancellationToken.None);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

if (runs.Count > 0)
{
    var markdown = Report.Markdown(runs, settings, root);
    Console.WriteLine();
    Console.WriteLine(markdown);
    if (!options.Smoke && options.Write && failures.Count == 0)
    {
        var path = Path.Combine(root, "docs", "benchmarks.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Report.WriteInto(path, markdown);
        Console.WriteLine($"Written to {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }
}

Console.WriteLine($"Total {total.Elapsed.TotalSeconds:F0} s");
foreach (var failure in failures)
{
    Console.Error.WriteLine($"FAILED: {failure}");
}

return failures.Count == 0 ? 0 : 1;
