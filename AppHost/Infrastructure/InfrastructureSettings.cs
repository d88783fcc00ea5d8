using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Infrastructure;

public enum InfrastructureMode
{
    Containers,
    Executables,
}

/// <summary>
/// The `Infrastructure` settings (command line `--Infrastructure:Mode=executables`, environment
/// `Infrastructure__Mode`, or appsettings): how the servers run, where they keep data, which ports they take.
/// </summary>
public sealed record InfrastructureSettings(
    InfrastructureMode Mode,
    string RepositoryRoot,
    string DataDirectory,
    bool DynamicPorts,
    bool Only,
    string? EnvironmentFile)
{
    public static InfrastructureSettings From(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Infrastructure");
        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var data = section["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(repository, ".data", "apphost");
        return new InfrastructureSettings(
            // A manifest describes a deployment, where servers are containers (or managed services), never local executables.
            builder.ExecutionContext.IsPublishMode ? InfrastructureMode.Containers : ChooseMode(section["Mode"]),
            repository,
            data,
            section.GetValue<bool>("DynamicPorts"),
            section.GetValue<bool>("Only"),
            section["EnvironmentFile"] is { Length: > 0 } file ? Path.GetFullPath(file) : null);
    }

    /// <summary>Infrastructure:Only, read before the builder exists (it decides whether there is a dashboard).</summary>
    public static bool OnlyRequested(string[] args) => new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build()
        .GetValue<bool>("Infrastructure:Only");

    /// <summary>The fixed port, or a free one when ports are dynamic (tests, parallel runs).</summary>
    public int Port(int fixedPort) => DynamicPorts ? FreePorts.Next() : fixedPort;

    public string DataFolder(string name) => Directory.CreateDirectory(Path.Combine(DataDirectory, name)).FullName;

    private static InfrastructureMode ChooseMode(string? configured) => configured?.ToLowerInvariant() switch
    {
        "containers" => InfrastructureMode.Containers,
        "executables" => InfrastructureMode.Executables,
        null or "" or "auto" => ContainerRuntimeIsHealthy() ? InfrastructureMode.Containers : InfrastructureMode.Executables,
        _ => throw new InvalidOperationException(
            $"Infrastructure:Mode is '{configured}': use auto (the default), containers or executables."),
    };

    /// <summary>Without a healthy runtime, container resources wait forever, and so does everything waiting for them.</summary>
    private static bool ContainerRuntimeIsHealthy()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
            {
                return false;
            }

            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill();
                return false;
            }

            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker command at all
        }
    }
}
