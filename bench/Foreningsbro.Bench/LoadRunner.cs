using System.Diagnostics;

namespace Foreningsbro.Bench;

/// <summary>A kind of request to load the app with: a name and how to make the next request.</summary>
public sealed record Scenario(string Name, string Description, Func<Random, HttpRequestMessage> NextRequest)
{
    /// <summary>An anonymous GET of the URL the function picks.</summary>
    public static Scenario Get(string name, string description, Func<Random, string> url) =>
        new(name, description, r => new HttpRequestMessage(HttpMethod.Get, url(r)));
}

/// <summary>What one scenario measured against one app.</summary>
public sealed record ScenarioResult(
    string Scenario,
    long Requests,
    long Errors,
    TimeSpan Duration,
    double P50,
    double P95,
    double P99,
    double Max,
    double PeakRssMb,
    double AppCpuMsPerRequest,
    IReadOnlyList<string> ErrorSamples)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
    public long Successes => Requests - Errors;
}

/// <summary>
/// A closed-loop HTTP load generator: N connections, each sending its next request as soon as the
/// previous answer has been read in full. Bounded by time and by a request count; 127.0.0.1 only.
/// </summary>
public sealed class LoadRunner(AppProcess app, int connections) : IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        BaseAddress = app.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>One request, for a cold-start figure: the first search the app ever answers.</summary>
    public async Task<(double Ms, int Status)> OnceAsync(string url, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
            return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, -1);
        }
    }

    public async Task<ScenarioResult> RunAsync(Scenario scenario, TimeSpan duration, long maxRequests, int seed, CancellationToken ct)
    {
        if (!app.BaseAddress.IsLoopback)
        {
            throw new InvalidOperationException("Load is only ever sent to 127.0.0.1.");
        }

        var remaining = maxRequests;
        long errors = 0;
        var samples = new List<string>();
        var latencies = new List<double>[connections];
        var peakRss = 0.0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(duration);

        var sampler = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (app.Memory() is { } memory)
                    {
                        peakRss = Math.Max(peakRss, memory.Rss);
                    }

                    try
                    {
                        await Task.Delay(100, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            },
            CancellationToken.None);

        var cpuBefore = app.CpuTime();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(i => Task.Run(
            async () =>
            {
                var random = new Random(seed + i);
                var mine = latencies[i] = new List<double>(4096);
                while (!stop.IsCancellationRequested && Interlocked.Decrement(ref remaining) >= 0)
                {
                    using var request = scenario.NextRequest(random);
                    var url = $"{request.Method} {request.RequestUri}";
                    var start = Stopwatch.GetTimestamp();
                    string? failure = null;
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
                        if (!response.IsSuccessStatusCode)
                        {
                            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                            failure = $"{(int)response.StatusCode} {url} {body[..Math.Min(body.Length, 300)]}";
                        }
                        else
                        {
                            await response.Content.CopyToAsync(Stream.Null, CancellationToken.None);
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        failure = $"{e.Message} {url}";
                    }
                    catch (TaskCanceledException)
                    {
                        failure = $"timeout {url}";
                    }

                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (failure is not null)
                    {
                        Interlocked.Increment(ref errors);
                        lock (samples)
                        {
                            if (samples.Count < 5)
                            {
                                samples.Add(failure);
                            }
                        }
                    }
                }
            },
            CancellationToken.None)).ToArray();

        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var cpu = app.CpuTime() - cpuBefore;
        await stop.CancelAsync();
        await sampler;

        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new ScenarioResult(
            scenario.Name,
            all.Length,
            errors,
            elapsed,
            Percentile(all, 0.50),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            all.Length == 0 ? double.NaN : all[^1],
            peakRss,
            all.Length == 0 ? double.NaN : cpu.TotalMilliseconds / all.Length,
            samples);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public void Dispose() => client.Dispose();
}
