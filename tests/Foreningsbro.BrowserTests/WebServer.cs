using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Foreningsbro.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

/// <summary>The real app on Kestrel at a free loopback port, on its own database with the demo data.</summary>
public class WebServer : AppFactory
{
    public string BaseUrl { get; private set; } = "";

    public override ValueTask InitializeAsync()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        return ValueTask.CompletedTask;
    }
}

public static class PageExtensions
{
    public static async Task LogInAsync(this IPage page, WebServer server, string email)
    {
        await page.GotoAsync(server.BaseUrl + "/konto/log-ind");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(Foreningsbro.Web.Data.DemoData.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/konto/log-ind", StringComparison.Ordinal));
    }

    /// <summary>Runs axe (WCAG 2.0/2.1 A and AA rules) and fails on serious or critical violations, listing them.</summary>
    public static async Task ShouldHaveNoSeriousAccessibilityViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty(string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
