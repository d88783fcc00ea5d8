namespace Platform.Drills.Tests;

/// <summary>One of the platform's processes: its project, its fixed port (others reach it by address) and its settings.</summary>
public sealed class PlatformService(string name, string project, string assembly, Dictionary<string, string?> settings) : IAsyncDisposable
{
    private ServiceProcess? process;

    public string Name { get; } = name;
    public int Port { get; } = ServiceProcess.FreePort();
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public async Task StartAsync() => process = await ServiceProcess.StartAsync(project, assembly, settings, Port);

    public Task KillAsync() => process?.KillAsync() ?? Task.CompletedTask;

    /// <summary>The environment the AppHost gives each project (see AppHost/Program.cs), pointing at the drill's servers.</summary>
    public static IReadOnlyList<PlatformService> Wire(DrillPlatform platform, string signingKey, string publicKey)
    {
        Dictionary<string, string?> Common(params (string Key, string? Value)[] more)
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = platform.RabbitMq,
                ["InternalToken:PublicKey"] = publicKey,
            };
            foreach (var (key, value) in more) settings[key] = value;
            return settings;
        }

        var identity = new PlatformService("identity", "services/identity", "Platform.Identity", Common(
            ("ConnectionStrings:identitydb", platform.ConnectionString("identitydb")),
            ("ConnectionStrings:redis", platform.Redis)));
        var membership = new PlatformService("membership", "services/membership", "Platform.Membership", Common(
            ("ConnectionStrings:membershipdb", platform.ConnectionString("membershipdb"))));
        var approvals = new PlatformService("approvals", "services/approvals", "Platform.Approvals", Common(
            ("ConnectionStrings:approvalsdb", platform.ConnectionString("approvalsdb"))));
        var gatewaySettings = Common(
            ("ConnectionStrings:redis", platform.Redis),
            ("InternalToken:SigningKey", signingKey),
            // Every drill request comes from 127.0.0.1: the per-client limits would answer 429 to the drill itself.
            ("Gateway:RequestsPerWindow", "1000000"),
            ("Gateway:LoginAttemptsPerWindow", "1000000"));
        var gateway = new PlatformService("gateway", "gateway", "Platform.Gateway", gatewaySettings);
        var notifications = new PlatformService("notifications", "services/notifications", "Platform.Notifications", Common(
            ("ConnectionStrings:notificationsdb", platform.ConnectionString("notificationsdb")),
            ("ConnectionStrings:smtp", platform.Smtp),
            ("Email:PublicBaseUrl", gateway.Address.ToString().TrimEnd('/'))));
        foreach (var service in new[] { identity, membership, notifications, approvals })
        {
            gatewaySettings[$"services:{service.Name}:http:0"] = service.Address.ToString().TrimEnd('/');
        }

        return [identity, membership, notifications, approvals, gateway];
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null) await process.DisposeAsync();
    }
}
