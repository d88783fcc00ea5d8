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

    /// <summary>
    /// The environment the AppHost gives each project (see AppHost/Program.cs), pointing at the drill's servers,
    /// for <paramref name="replicas"/> of every service and of the gateway: the first of each is named as the
    /// service (<c>identity</c>), the others get a number (<c>identity-2</c>). Every gateway knows every replica.
    /// </summary>
    public static IReadOnlyList<PlatformService> Wire(DrillPlatform platform, string signingKey, string publicKey, int replicas = 1)
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

        var gatewaySettings = Common(
            ("ConnectionStrings:redis", platform.Redis),
            ("InternalToken:SigningKey", signingKey),
            // Every drill request comes from 127.0.0.1: the per-client limits would answer 429 to the drill itself.
            ("Gateway:RequestsPerWindow", "1000000"),
            ("Gateway:LoginAttemptsPerWindow", "1000000"));
        var gateways = Enumerable.Range(0, replicas).Select(i => new PlatformService(Replica("gateway", i), "gateway", "Platform.Gateway", gatewaySettings)).ToList();
        var services = new List<PlatformService>();
        for (var i = 0; i < replicas; i++)
        {
            services.Add(new PlatformService(Replica("identity", i), "services/identity", "Platform.Identity", Common(
                ("ConnectionStrings:identitydb", platform.ConnectionString("identitydb")),
                ("ConnectionStrings:redis", platform.Redis))));
            services.Add(new PlatformService(Replica("membership", i), "services/membership", "Platform.Membership", Common(
                ("ConnectionStrings:membershipdb", platform.ConnectionString("membershipdb")))));
            services.Add(new PlatformService(Replica("notifications", i), "services/notifications", "Platform.Notifications", Common(
                ("ConnectionStrings:notificationsdb", platform.ConnectionString("notificationsdb")),
                ("ConnectionStrings:smtp", platform.Smtp),
                ("Email:PublicBaseUrl", gateways[0].Address.ToString().TrimEnd('/')))));
            services.Add(new PlatformService(Replica("approvals", i), "services/approvals", "Platform.Approvals", Common(
                ("ConnectionStrings:approvalsdb", platform.ConnectionString("approvalsdb")))));
        }

        foreach (var group in services.GroupBy(s => s.Service))
        {
            foreach (var (service, index) in group.Select((service, index) => (service, index)))
                gatewaySettings[$"services:{group.Key}:http:{index}"] = service.Address.ToString().TrimEnd('/');
            if (replicas > 1)
            {
                // A replica that stops answering is left out for a while (YARP's passive health check), as a
                // Kubernetes Service drops a pod that fails its probe, instead of getting every other request.
                gatewaySettings[$"ReverseProxy:Clusters:{group.Key}:HealthCheck:Passive:Enabled"] = "true";
                gatewaySettings[$"ReverseProxy:Clusters:{group.Key}:HealthCheck:Passive:ReactivationPeriod"] = "00:00:30";
            }
        }

        return [.. services, .. gateways];
    }

    private static string Replica(string service, int index) => index == 0 ? service : $"{service}-{index + 1}";

    /// <summary>The service this process is a replica of.</summary>
    public string Service => Name.Split('-')[0];

    /// <summary>1 for the first replica, 2 for <c>identity-2</c>.</summary>
    public int ReplicaNumber => Name.Contains('-') ? int.Parse(Name.Split('-')[1]) : 1;

    public async ValueTask DisposeAsync()
    {
        if (process is not null) await process.DisposeAsync();
    }
}
