using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Foreningsbro.Bench;

/// <summary>
/// The app's Release build running as a separate process on 127.0.0.1, against a generated database,
/// the way it would run in production (no demo data, migrations already applied).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();
    private string? outboxDirectory;

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Pid => process.Id;
    /// <summary>From starting the process to the first 200 from /healthz/live.</summary>
    public TimeSpan StartupTime { get; private set; }
    /// <summary>The app's CPU time (user + system) up to that first 200: steadier than the wall time on a shared machine.</summary>
    public TimeSpan StartupCpu { get; private set; }

    private readonly Stopwatch sinceStart = Stopwatch.StartNew();
    private readonly TaskCompletionSource<TimeSpan> searchIndexReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// From starting the process to the app's log line that its catalogue search index is built
    /// (searches are answered from memory from then on, from the database before), or null if it
    /// did not come within <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> SearchIndexReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            return await searchIndexReady.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public static async Task<AppProcess> StartAsync(string appDll, PreparedDatabase database, bool logSql, CancellationToken ct)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var folder = Path.GetDirectoryName(Path.GetFullPath(appDll))!;
        var info = new ProcessStartInfo("dotnet")
        {
            // The content root holds wwwroot: the publish folder itself (run-full.sh publishes), or
            // for a build output the project folder three levels up, as with `dotnet run`.
            WorkingDirectory = Directory.Exists(Path.Combine(folder, "wwwroot")) ? folder : Path.GetFullPath(Path.Combine(folder, "..", "..", "..")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(appDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = database.Provider.ToString();
        info.Environment["ConnectionStrings__Default"] = database.ConnectionString;
        info.Environment["Database__Migrate"] = "false";
        info.Environment["DemoData__Load"] = "false";
        // Production refuses to start without these (issue 12): the public address for links, and the key ring's
        // encryption, which a throwaway benchmark database does not need.
        info.Environment["PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/');
        info.Environment["DataProtection__AllowUnencryptedKeys"] = "true";
        // The generated staff have no authenticator app, and every client of the bench comes from one address:
        // the second login step and the per-address login limit are not what is measured (issue 12).
        info.Environment["Account__RequireTwoFactor"] = "false";
        info.Environment["Account__LoginAttemptsPerMinute"] = "100000";
        // The referral scenario makes the app queue messages; its dispatcher writes them here, not into the project.
        var outbox = Directory.CreateTempSubdirectory("foreningsbro-bench-outbox-").FullName;
        info.Environment["Outbox__PickupDirectory"] = outbox;
        if (logSql)
        {
            info.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var app = new AppProcess(process, baseAddress) { outboxDirectory = outbox };
        process.OutputDataReceived += (_, e) => app.Keep(e.Data, logSql);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data, logSql);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = TimeSpan.FromSeconds(60);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting:\n{app.Output}");
            }

            try
            {
                using var response = await probe.GetAsync("healthz/live", ct);
                if (response.IsSuccessStatusCode)
                {
                    app.StartupTime = clock.Elapsed;
                    app.StartupCpu = app.CpuTime();
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Listening but slow to answer its first request (a busy machine): ask again until the deadline.
            }

            await Task.Delay(10, ct);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer /healthz/live within {deadline.TotalSeconds} s:\n{app.Output}");
    }

    public string Output
    {
        get
        {
            lock (lastLines)
            {
                return string.Join('\n', lastLines);
            }
        }
    }

    /// <summary>CPU time the app has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>Resident memory now and its peak so far (VmRSS and VmHWM in /proc), in MiB; null off Linux.</summary>
    public (double Rss, double Peak)? Memory()
    {
        try
        {
            double rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) / 1024.0;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line) / 1024.0;
                }
            }

            return (rss, peak);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private void Keep(string? line, bool echo)
    {
        if (line is null)
        {
            return;
        }

        if (echo)
        {
            Console.Error.WriteLine($"    app| {line}");
        }

        if (line.Contains("Catalogue search index built", StringComparison.Ordinal))
        {
            searchIndexReady.TrySetResult(sinceStart.Elapsed);
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 60)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
        if (outboxDirectory is not null && Directory.Exists(outboxDirectory))
        {
            Directory.Delete(outboxDirectory, recursive: true);
        }
    }
}
