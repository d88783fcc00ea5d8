using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// The whole platform as the end-to-end suite starts it (the AppHost through Aspire.Hosting.Testing, its own servers
/// on free ports, every service a process, reached only through the gateway, which serves the built console), and
/// Debian's chromium driven by Playwright. The first platform administrator comes from configuration, as in the README.
/// </summary>
public sealed class ConsolePlatform : IAsyncLifetime
{
    public const string AdminEmail = "console-admin@example.com";
    private readonly string data = Path.Combine(Path.GetTempPath(), $"platform-console-{Guid.NewGuid():N}");
    private IPlaywright playwright = null!;

    public DistributedApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri Gateway => App.GetEndpoint("gateway");
    public MailDevClient Mail => new(App.GetEndpoint("smtp", "http"));

    public async Task InitializeAsync()
    {
        // Generous: on a shared two-core machine with other suites running, starting every process takes minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(
            ["--Infrastructure:DynamicPorts=true", $"--Infrastructure:DataDirectory={data}"], timeout.Token);
        var identity = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "identity");
        identity.Annotations.Add(new EnvironmentCallbackAnnotation(environment => environment["Accounts__InitialAdminEmail"] = AdminEmail));
        // Every browser and client of the suite signs in from 127.0.0.1: the per-address login limit would count them as one.
        var gateway = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway");
        gateway.Annotations.Add(new EnvironmentCallbackAnnotation(environment => environment["Gateway__LoginAttemptsPerWindow"] = "1000"));
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);

        // Password hashing and sign-in answers that take equally long whatever went wrong need more than
        // Playwright's 5 s on a busy two-core machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) with a page on the gateway, recording what it shows.</summary>
    public async Task<ConsoleVisitor> VisitAsync(string journey)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Gateway.ToString(), Locale = "en-GB" });
        return new ConsoleVisitor(context, await context.NewPageAsync(), journey);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Every browser class shares one running platform: starting it is most of the time.</summary>
[CollectionDefinition(Name)]
public sealed class ConsolePlatformCollection : ICollectionFixture<ConsolePlatform>
{
    public const string Name = "The running platform with its console";
}
