using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Foreningsbro.BrowserTests.BrowserFixture))]
// One Chromium for the run; the test classes share it and run one at a time on these 2-core machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Foreningsbro.BrowserTests;

/// <summary>Debian's Chromium (Playwright cannot download its own browser here), started once.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install chromium.");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking flags Chromium floods the closed network with refused connections.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
