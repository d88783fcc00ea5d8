using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// One person in one browser profile. <see cref="ScreenAsync"/> is called on every screen the journey reaches:
/// it keeps a screenshot as a test artifact and fails on serious or critical accessibility violations (axe-core).
/// Any Content-Security-Policy violation the page reports fails the journey too.
/// </summary>
public sealed class ConsoleVisitor : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly string journey;
    private readonly List<string> policyViolations = [];

    public ConsoleVisitor(IBrowserContext context, IPage page, string journey)
    {
        this.context = context;
        this.journey = journey;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) policyViolations.Add(message.Text);
        };
    }

    public IPage Page { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("PLATFORM_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "console-screenshots");

    public async Task ScreenAsync(string name)
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{journey}-{name}.png"), FullPage = true });

        AxeResult axe = await Page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"Accessibility violations on {name}:\n{string.Join("\n", serious)}");
        Assert.True(policyViolations.Count == 0, $"Content-Security-Policy violations on {name}:\n{string.Join("\n", policyViolations)}");
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
