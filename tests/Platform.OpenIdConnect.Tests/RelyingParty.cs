using System.Diagnostics;
using System.Text.Json;

namespace Platform.OpenIdConnect.Tests;

/// <summary>Runs relying-party/rp.mjs (openid-client) for one scenario and returns what it printed.</summary>
public static class RelyingParty
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<JsonElement> RunAsync(string scenario, IReadOnlyDictionary<string, string> settings)
    {
        var folder = await FolderAsync();
        var start = new ProcessStartInfo("node", ["rp.mjs", scenario])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (name, value) in settings) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"rp.mjs {scenario} failed: {await errors}\n{await output}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    // The source folder, where scripts/install-prerequisites.sh ran `npm ci`; a developer's first run does it here.
    private static async Task<string> FolderAsync()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "relying-party", "rp.mjs"))) directory = directory.Parent;
        var folder = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("relying-party/rp.mjs not found"), "relying-party");
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "openid-client")))
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = folder })!;
                await npm.WaitForExitAsync();
            }
        }
        finally
        {
            Install.Release();
        }

        return folder;
    }
}
