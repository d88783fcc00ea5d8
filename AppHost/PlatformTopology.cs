using Platform.AppHost.Hosting;

namespace Platform.AppHost;

/// <summary>The whole local platform in one place. Fixed ports keep URLs stable between runs (--port-offset, --dynamic-ports).</summary>
public static class PlatformTopology
{
    public static void Declare(DistributedApplicationBuilder builder)
    {
        var infrastructure = DeclareInfrastructure(builder);
        var (postgres, redis, rabbitmq, smtp) = infrastructure;

        var identityDb = postgres.AddDatabase("identitydb");
        var membershipDb = postgres.AddDatabase("membershipdb");
        var notificationsDb = postgres.AddDatabase("notificationsdb");
        var approvalsDb = postgres.AddDatabase("approvalsdb");

        var gateway = builder.AddProject("gateway", "../gateway/Platform.Gateway.csproj", port: 5100);

        var identity = builder.AddProject("identity", "../services/identity/Platform.Identity.csproj", port: 5101)
            .WithReference(identityDb)
            .WithReference(redis)
            .WithReference(rabbitmq);

        var membership = builder.AddProject("membership", "../services/membership/Platform.Membership.csproj", port: 5102)
            .WithReference(membershipDb)
            .WithReference(rabbitmq);

        var notifications = builder.AddProject("notifications", "../services/notifications/Platform.Notifications.csproj", port: 5103)
            .WithReference(notificationsDb)
            .WithReference(rabbitmq)
            .WithReference(smtp)
            // Links in emails must point at the public entry point, never at the service itself.
            .WithEnvironment("Email__PublicBaseUrl", gateway.GetEndpoint("http"))
            // On a developer's machine, webhook receivers run on localhost; deployments keep private addresses refused.
            .WithEnvironment("Webhooks__AllowPrivateAddresses", "true")
            .WithEnvironment("Webhooks__AllowInsecureHttp", "true");

        var approvals = builder.AddProject("approvals", "../services/approvals/Platform.Approvals.csproj", port: 5104)
            .WithReference(approvalsDb)
            .WithReference(rabbitmq);

        gateway
            .WithReference(redis)
            .WithReference(identity)
            .WithReference(membership)
            .WithReference(notifications)
            .WithReference(approvals)
            .WithExternalHttpEndpoint()
            .WithInternalTokenSigningKey()
            .WithUrl("/api-reference", "API reference")
            .WaitFor(identity)
            .WaitFor(membership)
            .WaitFor(notifications)
            .WaitFor(approvals);
    }

    public static PlatformInfrastructure DeclareInfrastructure(DistributedApplicationBuilder builder) => new(
        builder.AddPostgres("postgres", port: 55432),
        builder.AddRedis("redis", port: 56379),
        builder.AddRabbitMQ("rabbitmq", port: 55672, distributionPort: 55673, epmdPort: 54369),
        builder.AddMailDev("smtp", smtpPort: 51025, webPort: 51080));
}
