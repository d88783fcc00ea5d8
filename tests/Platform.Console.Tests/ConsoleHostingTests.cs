using System.Diagnostics;
using System.Net;

namespace Platform.Console.Tests;

/// <summary>How the gateway serves the console: client routes, strict headers, and nothing of the platform shadowed.</summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class ConsoleHostingTests(ConsolePlatform platform)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    [InlineData("/held/two-factor")]
    public async Task Client_routes_get_the_app_with_a_strict_policy_and_a_fresh_nonce(string path)
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };

        var first = await http.GetAsync(path);
        var second = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.NotEqual(policy, second.Headers.GetValues("Content-Security-Policy").Single());
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"root\">", html);
        Assert.DoesNotContain("__CSP_NONCE__", html);
    }

    [Theory]
    [InlineData("/api/identity/no-such-thing")]
    [InlineData("/api/unknown/thing")]
    [InlineData("/.well-known/openid-configuration-not-here")]
    [InlineData("/connect/nothing")]
    [InlineData("/openapi/nothing.json")]
    public async Task The_platforms_own_paths_are_never_answered_with_the_app(string path)
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };

        var response = await http.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<div id=\"root\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_reference_and_the_link_pages_are_still_served_by_their_owners()
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };

        var reference = await http.GetStringAsync("/api-reference");
        var linkPage = await http.GetStringAsync("/api/identity/pages/verify-email?token=abc");

        Assert.DoesNotContain("<div id=\"root\">", reference);
        Assert.Contains("Verify your email address", linkPage);
    }

    [Fact]
    public async Task The_committed_api_client_matches_the_gateways_openapi_documents()
    {
        var console = Path.Combine(RepositoryRoot(), "console");
        var start = new ProcessStartInfo("node", ["scripts/generate-api.mjs", "--check", platform.Gateway.ToString()])
        {
            WorkingDirectory = console, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Platform.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("No Platform.sln above the test binaries.");
    }
}
