using System.Globalization;

namespace Foreningsbro.Bench;

/// <summary>Command-line options. Defaults are the full run; --smoke is the quick check test.sh runs.</summary>
public sealed record Options
{
    public bool Smoke { get; init; }
    public bool Help { get; init; }
    public int[] Teams { get; init; } = [1_000, 100_000];
    /// <summary>Citizens at the largest size (the smaller sizes get the same share per team); null: five per team.</summary>
    public int? Citizens { get; init; }
    public Provider[]? Providers { get; init; }
    public string[]? Scenarios { get; init; }
    public int Connections { get; init; } = 8;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public long MaxRequests { get; init; } = 5_000_000;
    public int Seed { get; init; } = 20261122;
    public bool Reuse { get; init; }
    public bool GenerateOnly { get; init; }
    public bool LogSql { get; init; }
    public bool Write { get; init; } = true;
    public double MaxMinutes { get; init; } = 20;
    public string? Postgres { get; init; }
    public string? App { get; init; }
    public string? ScratchSql { get; init; }

    public const string Usage = """
        Foreningsbro benchmark: generates a national catalogue, starts the app's Release build against it and loads it over HTTP.

          dotnet run -c Release --project bench/Foreningsbro.Bench -- [options]

          --smoke                 1,000 teams, 1 s per scenario, throwaway data; fails on any error; never writes docs/benchmarks.md
          --teams 1000,100000     catalogue sizes (teams); the scaling table compares the smallest and the largest
          --citizens 500000       citizens at the largest size, with about two referrals each (default five citizens per
                                  team: 5,000 and 500,000); smaller sizes get the same number per team; 0: catalogue only
          --db sqlite,postgres    databases (default: SQLite, plus PostgreSQL when FORENINGSBRO_BENCH_POSTGRES is set)
          --postgres "<conn>"     PostgreSQL server connection string (instead of FORENINGSBRO_BENCH_POSTGRES)
          --scenarios a,b         only these scenarios (ceiling, search, team-page, referral-create, club-visits, funnel,
                                  session-attendance)
          --connections 8         concurrent connections
          --duration 15           seconds measured per scenario, after --warmup 3 seconds
          --max-requests N        per scenario (default 5,000,000)
          --max-minutes 20        stop the whole run after this long
          --seed N                data seed (default 20261122)
          --reuse                 keep a generated database that already has the requested number of teams
          --generate-only         only generate the databases (under bench/data, or the PostgreSQL server)
          --scratch-sql "<sql>"   run against a scratch copy of each generated database with this SQL applied
                                  (e.g. "ANALYZE" or a proposed index), to measure a change before it becomes a migration
          --log-sql               echo the app's SQL (EF command log) while loading it, to find slow queries
          --no-write              do not update docs/benchmarks.md after a full run
          --app <path>            the app's dll (default src/Foreningsbro.Web/bin/Release/net10.0/Foreningsbro.Web.dll)
        """;

    public static Options Parse(string[] args)
    {
        var options = new Options();
        var smoke = args.Contains("--smoke");
        if (smoke)
        {
            options = options with
            {
                Smoke = true,
                Teams = [1_000],
                Duration = TimeSpan.FromSeconds(1),
                Warmup = TimeSpan.FromSeconds(0.5),
                MaxRequests = 200_000,
                MaxMinutes = 3,
                Write = false,
            };
        }

        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--smoke" => options,
                "--help" or "-h" => options with { Help = true },
                "--teams" => options with { Teams = [.. Value().Split(',').Select(t => Positive(t, "--teams")).Order()] },
                "--citizens" => options with { Citizens = NonNegative(Value(), "--citizens") },
                "--db" => options with { Providers = [.. Value().Split(',').Select(ParseProvider)] },
                "--postgres" => options with { Postgres = Value() },
                "--scenarios" => options with { Scenarios = Value().Split(',') },
                "--connections" => options with { Connections = Positive(Value(), "--connections") },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(Value(), "--duration")) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--max-requests" => options with { MaxRequests = Positive(Value(), "--max-requests") },
                "--max-minutes" => options with { MaxMinutes = Positive(Value(), "--max-minutes") },
                "--seed" => options with { Seed = Positive(Value(), "--seed") },
                "--reuse" => options with { Reuse = true },
                "--generate-only" => options with { GenerateOnly = true },
                "--log-sql" => options with { LogSql = true },
                "--scratch-sql" => options with { ScratchSql = Value(), Write = false },
                "--no-write" => options with { Write = false },
                "--app" => options with { App = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Teams.Any(t => t < 200))
        {
            throw new ArgumentException("--teams: at least 200 teams (one club in each of the 98 municipalities needs a few).");
        }

        return options;
    }

    /// <summary>Citizens for a catalogue of <paramref name="teams"/> teams.</summary>
    public int CitizensFor(int teams) => Citizens is { } largest ? (int)((long)largest * teams / Teams.Max()) : teams * 5;

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    private static int NonNegative(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number, not '{value}'.");

    private static Provider ParseProvider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => Provider.Sqlite,
        "postgres" or "postgresql" => Provider.Postgres,
        _ => throw new ArgumentException($"--db takes sqlite and/or postgres, not '{value}'."),
    };

    /// <summary>The folder holding Foreningsbro.slnx, found upwards from the working directory or the bench's own folder.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Foreningsbro.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (Foreningsbro.slnx not found above the working directory).");
    }
}
