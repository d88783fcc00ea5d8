using Platform.AppHost.Hosting;

namespace Platform.AppHost;

/// <summary>
/// `infrastructure --data DIR --env-file FILE [--dynamic-ports] [--port-offset N]`: only the servers, for test runs.
/// The env file appears (atomically) once every server is ready, so a script can simply wait for it.
/// </summary>
public static class InfrastructureCommand
{
    public const string Verb = "infrastructure";

    public static async Task<int> RunAsync(string[] args)
    {
        var envFileIndex = Array.IndexOf(args, "--env-file");
        if (envFileIndex < 0 || envFileIndex + 1 >= args.Length)
        {
            await Console.Error.WriteLineAsync(
                $"usage: {Verb} --env-file <file> [--data <dir>] [--dynamic-ports] [--port-offset <n>]");
            return 2;
        }

        var envFile = Path.GetFullPath(args[envFileIndex + 1]);
        string[] rest = [.. args[..envFileIndex], .. args[(envFileIndex + 2)..]];

        // A file left by an earlier run must never be mistaken for this run's.
        if (File.Exists(envFile))
        {
            File.Delete(envFile);
        }

        var builder = DistributedApplication.CreateBuilder(rest);
        var infrastructure = PlatformTopology.DeclareInfrastructure(builder);
        await using var app = builder.Build();
        return await app.RunAsync((_, _) => WriteEnvFileAsync(envFile, infrastructure));
    }

    public static IReadOnlyList<KeyValuePair<string, string>> EnvironmentValues(PlatformInfrastructure infrastructure)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var resource in new InfrastructureResource[] { infrastructure.Postgres, infrastructure.Redis, infrastructure.RabbitMQ, infrastructure.Smtp })
        {
            values.Add(new($"ConnectionStrings__{resource.Name}", resource.ConnectionString));
        }

        if (infrastructure.Smtp.WebUrl is { } web)
        {
            values.Add(new($"services__{infrastructure.Smtp.Name}__http__0", web.ToString().TrimEnd('/')));
        }

        return values;
    }

    private static async Task WriteEnvFileAsync(string envFile, PlatformInfrastructure infrastructure)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(envFile)!);
        var temporary = $"{envFile}.{Environment.ProcessId}.tmp";
        await File.WriteAllLinesAsync(temporary, EnvironmentValues(infrastructure).Select(v => $"{v.Key}={v.Value}"));
        File.Move(temporary, envFile, overwrite: true);
        Console.WriteLine($"  Environment written to {envFile}");
    }
}
