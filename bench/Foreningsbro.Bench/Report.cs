using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Foreningsbro.Bench;

/// <summary>One app run against one generated database.</summary>
public sealed record AppRun(
    PreparedDatabase Database,
    TimeSpan Startup,
    TimeSpan StartupCpu,
    double FirstSearchMs,
    TimeSpan? SearchIndexReady,
    double PeakMemoryMb,
    IReadOnlyList<ScenarioResult> Scenarios);

public sealed record RunSettings(int Connections, TimeSpan Duration, TimeSpan Warmup, int Seed, DateOnly SeasonStart, string Started, string LoadAverage, string App);

/// <summary>The Markdown tables: printed after every run, and written into docs/benchmarks.md between markers after a full run.</summary>
public static class Report
{
    public const string StartMarker = "<!-- bench:results:start -->";
    public const string EndMarker = "<!-- bench:results:end -->";

    // The targets from the benchmark issue, at the largest size.
    private const double SearchP95Target = 25;
    private const double SearchShareTarget = 0.15;
    private const double TeamPageP95Target = 10;
    private const double ScalingTarget = 2;
    private const double MemoryTarget = 400;
    private const double StartupTarget = 3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(IReadOnlyList<AppRun> runs, RunSettings settings, string repositoryRoot)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"Run {settings.Started}, commit {Git(repositoryRoot)}.  ");
        md.AppendLine(Inv, $"Machine: {Machine()}; load average when the run started: {settings.LoadAverage} (the machine is shared, so compare ratios within a run rather than absolute figures across runs).  ");
        md.AppendLine(Inv, $"App: `{settings.App}`{(settings.App.Contains("bin", StringComparison.Ordinal) ? " (build output, JIT)" : " (published with ReadyToRun)")}, Production environment.  ");
        md.AppendLine(Inv, $"Load: {settings.Connections} concurrent connections from the bench process on the same machine, {settings.Warmup.TotalSeconds:0} s warm-up then {settings.Duration.TotalSeconds:0} s per scenario; seed {settings.Seed}, season starting {settings.SeasonStart:yyyy-MM-dd}.");
        md.AppendLine();

        md.AppendLine("**Data generation** (bulk insert: SQLite prepared INSERTs in one transaction, full-text index rebuilt once; PostgreSQL binary COPY, trigram index built after it; then ANALYZE on both)");
        md.AppendLine();
        md.AppendLine("| Database | Teams | Citizens | Referrals | Programmes | Rows | Migrate (s) | Generate (s) | Insert (s) | Analyze (s) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var d = run.Database;
            md.AppendLine(Inv, $"| {Name(d.Provider)} | {d.Teams:N0} | {d.Citizens:N0} | {d.Referrals:N0} | {d.Programmes:N0} | {(d.Rows == 0 ? "reused" : d.Rows.ToString("N0", Inv))} | {Seconds(d.Migrate)} | {Seconds(d.Generate)} | {Seconds(d.Insert)} | {Seconds(d.Analyze)} |");
        }

        md.AppendLine();
        md.AppendLine("**Start and memory**");
        md.AppendLine();
        md.AppendLine("| Database | Teams | Start to first 200 (s) | App CPU to first 200 (s) | First search after start (ms) | Search index ready after start (s) | Peak app memory, VmHWM (MiB) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            md.AppendLine(Inv, $"| {Name(run.Database.Provider)} | {run.Database.Teams:N0} | {run.Startup.TotalSeconds:F2} | {run.StartupCpu.TotalSeconds:F2} | {run.FirstSearchMs:F0} | {(run.SearchIndexReady is { } ready ? ready.TotalSeconds.ToString("F2", Inv) : "–")} | {run.PeakMemoryMb:F0} |");
        }

        md.AppendLine();
        md.AppendLine("**Load** (ceiling = `GET /healthz/live`, no database; app CPU per request = the app process's user+system CPU time during the scenario ÷ requests, which the other tenants of a shared machine disturb less than latency)");
        md.AppendLine();
        md.AppendLine("| Database | Teams | Scenario | Requests/s | Of ceiling | p50 (ms) | p95 (ms) | p99 (ms) | App CPU per request (ms) | Errors | Peak RSS (MiB) |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var ceiling = run.Scenarios.FirstOrDefault(s => s.Scenario == Scenarios.Ceiling)?.RequestsPerSecond;
            foreach (var s in run.Scenarios)
            {
                var share = ceiling is > 0 ? (s.RequestsPerSecond / ceiling.Value).ToString("P1", Inv) : "–";
                md.AppendLine(Inv, $"| {Name(run.Database.Provider)} | {run.Database.Teams:N0} | {s.Scenario} | {s.RequestsPerSecond:N0} | {share} | {s.P50:F1} | {s.P95:F1} | {s.P99:F1} | {s.AppCpuMsPerRequest:F2} | {s.Errors} of {s.Requests:N0} | {s.PeakRssMb:F0} |");
            }
        }

        var sizes = runs.Select(r => r.Database.Teams).Distinct().Order().ToArray();
        if (sizes.Length > 1)
        {
            md.AppendLine();
            md.AppendLine(Inv, $"**Scaling** (p95 at {sizes[^1]:N0} teams ÷ p95 at {sizes[0]:N0} teams)");
            md.AppendLine();
            md.AppendLine(Inv, $"| Database | Scenario | p95 at {sizes[0]:N0} (ms) | p95 at {sizes[^1]:N0} (ms) | Ratio |");
            md.AppendLine("|---|---|---:|---:|---:|");
            foreach (var (provider, scenario, small, large) in Scaling(runs))
            {
                md.AppendLine(Inv, $"| {Name(provider)} | {scenario} | {small:F1} | {large:F1} | {large / small:F2}× |");
            }
        }

        var largest = runs.Where(r => r.Database.Teams == sizes[^1]).ToList();
        if (largest.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(Inv, $"**Targets** at {sizes[^1]:N0} teams");
            md.AppendLine();
            md.AppendLine("| Target | " + string.Join(" | ", largest.Select(r => Name(r.Database.Provider))) + " |");
            md.AppendLine("|---|" + string.Concat(largest.Select(_ => "---|")));
            Row(md, $"Search p95 ≤ {SearchP95Target} ms", largest, r => Get(r, Scenarios.Search) is { } s ? Check(s.P95 <= SearchP95Target, $"{s.P95:F1} ms") : "–");
            Row(md, $"Search throughput ≥ {SearchShareTarget:P0} of ceiling", largest, r => Share(r, Scenarios.Search) is { } x ? Check(x >= SearchShareTarget, x.ToString("P1", Inv)) : "–");
            Row(md, $"Team page p95 ≤ {TeamPageP95Target} ms", largest, r => Get(r, Scenarios.TeamPage) is { } s ? Check(s.P95 <= TeamPageP95Target, $"{s.P95:F1} ms") : "–");
            if (sizes.Length > 1)
            {
                var scaling = Scaling(runs).ToList();
                foreach (var scenario in new[] { Scenarios.Search, Scenarios.TeamPage })
                {
                    Row(md, $"{scenario}: p95 at {sizes[^1]:N0} ≤ {ScalingTarget}× p95 at {sizes[0]:N0}", largest, r =>
                        scaling.FirstOrDefault(x => x.Provider == r.Database.Provider && x.Scenario == scenario) is { Small: > 0 } x
                            ? Check(x.Large / x.Small <= ScalingTarget, $"{x.Large / x.Small:F2}×")
                            : "–");
                }
            }

            Row(md, $"App memory under load ≤ {MemoryTarget} MB", largest, r => Check(r.PeakMemoryMb <= MemoryTarget, $"{r.PeakMemoryMb:F0} MiB"));
            Row(md, $"Start to first response ≤ {StartupTarget} s", largest, r => Check(r.Startup.TotalSeconds <= StartupTarget, $"{r.Startup.TotalSeconds:F2} s"));
        }

        return md.ToString();
    }

    /// <summary>Replaces the results between the markers in docs/benchmarks.md, keeping the findings written around them.</summary>
    public static void WriteInto(string path, string results)
    {
        var block = $"{StartMarker}\n{results}{EndMarker}";
        if (!File.Exists(path))
        {
            File.WriteAllText(path, $"# Benchmarks\n\n## Latest full run\n\n{block}\n");
            return;
        }

        var text = File.ReadAllText(path);
        var start = text.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? string.Concat(text.AsSpan(0, start), block, text.AsSpan(end + EndMarker.Length))
            : text + $"\n## Latest full run\n\n{block}\n";
        File.WriteAllText(path, text);
    }

    private static IEnumerable<(Provider Provider, string Scenario, double Small, double Large)> Scaling(IReadOnlyList<AppRun> runs)
    {
        foreach (var group in runs.GroupBy(r => r.Database.Provider))
        {
            var ordered = group.OrderBy(r => r.Database.Teams).ToList();
            if (ordered.Count < 2)
            {
                continue;
            }

            foreach (var large in ordered[^1].Scenarios)
            {
                if (ordered[0].Scenarios.FirstOrDefault(s => s.Scenario == large.Scenario) is { } small)
                {
                    yield return (group.Key, large.Scenario, small.P95, large.P95);
                }
            }
        }
    }

    private static void Row(StringBuilder md, string target, List<AppRun> runs, Func<AppRun, string> cell) =>
        md.AppendLine(Inv, $"| {target} | {string.Join(" | ", runs.Select(cell))} |");

    private static ScenarioResult? Get(AppRun run, string scenario) => run.Scenarios.FirstOrDefault(s => s.Scenario == scenario);

    private static double? Share(AppRun run, string scenario) =>
        Get(run, Scenarios.Ceiling) is { RequestsPerSecond: > 0 } ceiling && Get(run, scenario) is { } s ? s.RequestsPerSecond / ceiling.RequestsPerSecond : null;

    private static string Check(bool met, string value) => met ? $"met ({value})" : $"**missed** ({value})";

    public static string Name(Provider provider) => provider == Provider.Sqlite ? "SQLite" : "PostgreSQL";

    private static string Seconds(TimeSpan? t) => t is { } x ? x.TotalSeconds.ToString("F1", Inv) : "–";

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Machine()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal", ':') is { } kb
            ? $"{long.Parse(kb.Split(' ')[0], Inv) / 1024.0 / 1024.0:F1} GiB memory"
            : "memory unknown";
        var os = ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        return $"{Environment.ProcessorCount} cores ({cpu.Trim()}), {memory}, {os}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string? ReadField(string file, string name, char separator)
    {
        try
        {
            return File.ReadLines(file)
                .Where(l => l.StartsWith(name, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Git(string root)
    {
        string Run(string args)
        {
            try
            {
                var info = new ProcessStartInfo("git", args) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = Process.Start(info)!;
                var output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return p.ExitCode == 0 ? output : "";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "";
            }
        }

        var commit = Run("rev-parse --short HEAD");
        if (commit.Length == 0)
        {
            return "unknown";
        }

        // Only changes to the code count as "uncommitted": the results file itself is about to change.
        var dirty = Run("status --porcelain -- src bench").Length > 0;
        return dirty ? $"{commit} with uncommitted changes" : commit;
    }
}
