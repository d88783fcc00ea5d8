using Microsoft.Extensions.Options;
using Platform.Notifications.Delivery;

namespace Platform.Notifications.Tests;

/// <summary>The URL rules at registration, without a running service (IP literals: no DNS needed).</summary>
public sealed class WebhookTargetTests
{
    [Fact]
    public async Task Plain_http_is_refused_unless_allowed_and_then_only_in_Development()
    {
        var allowed = new WebhookOptions { AllowInsecureHttp = true };

        Assert.Equal("The URL must use https.", await ProblemAsync(new WebhookOptions(), "Development", "http://1.1.1.1/hooks"));
        Assert.Equal("The URL must use https.", await ProblemAsync(allowed, "Production", "http://1.1.1.1/hooks"));
        Assert.Null(await ProblemAsync(allowed, "Development", "http://1.1.1.1/hooks"));
        Assert.Null(await ProblemAsync(new WebhookOptions(), "Production", "https://1.1.1.1/hooks"));
    }

    [Fact]
    public async Task Private_addresses_pass_only_when_configured()
    {
        Assert.Contains("10.0.0.5 is a private address", await ProblemAsync(new WebhookOptions(), "Production", "https://10.0.0.5/hooks"));
        Assert.Null(await ProblemAsync(new WebhookOptions { AllowPrivateAddresses = true }, "Production", "https://10.0.0.5/hooks"));
    }

    [Fact]
    public async Task An_overlong_url_is_refused() =>
        Assert.Contains("at most 2000 characters", await ProblemAsync(new WebhookOptions(), "Production", "https://1.1.1.1/" + new string('a', 2000)));

    private static Task<string?> ProblemAsync(WebhookOptions options, string environment, string url) =>
        new WebhookTargets(Options.Create(options), new TestEnvironment(environment)).ProblemWithAsync(url, CancellationToken.None);
}
