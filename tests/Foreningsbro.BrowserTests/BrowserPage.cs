using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

/// <summary>A fresh Danish browser context per test, on the shared Chromium and the class's server.</summary>
public abstract class BrowserPage(BrowserFixture browser, WebServer server) : IAsyncLifetime
{
    private IBrowserContext context = null!;

    protected IPage Page { get; private set; } = null!;

    protected WebServer Server => server;

    public async ValueTask InitializeAsync()
    {
        context = await browser.Browser.NewContextAsync(new() { Locale = "da-DK" });
        Page = await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task GoToAsync(string path) => Page.GotoAsync(server.BaseUrl + path);
}
