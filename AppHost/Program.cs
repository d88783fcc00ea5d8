using Platform.AppHost;
using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    // The servers alone, for a test run, need no dashboard (nor its fixed ports).
    DisableDashboard = InfrastructureSettings.OnlyRequested(args),
});

// postgres, redis, rabbitmq and smtp: containers with a healthy container runtime, local executables without.
var infrastructure = builder.AddPlatformInfrastructure();
var (postgres, redis, rabbitmq, smtp) = (infrastructure.Postgres, infrastructure.Redis, infrastructure.RabbitMQ, infrastructure.Smtp);

if (infrastructure.Settings.Only)
{
    // Test runs: the servers alone, and their connection strings in a file once all are healthy.
    builder.WriteWhenHealthy(infrastructure);
    builder.Build().Run();
    return;
}

var identityDb = infrastructure.AddDatabase("identitydb");
var membershipDb = infrastructure.AddDatabase("membershipdb");
var notificationsDb = infrastructure.AddDatabase("notificationsdb");
var approvalsDb = infrastructure.AddDatabase("approvalsdb");

var keys = builder.AddInternalTokenKeys(infrastructure.Settings);
var openIdKeys = builder.AddOpenIdProviderKeys(infrastructure.Settings);
var ports = infrastructure.Settings;

var gateway = builder.AddProject<Projects.Platform_Gateway>("gateway")
    .AsPlatformService(ports.Port(5100), keys);

var identity = builder.AddProject<Projects.Platform_Identity>("identity")
    .AsPlatformService(ports.Port(5101), keys)
    .WithOpenIdProviderKeys(openIdKeys)
    .Uses(identityDb).Uses(redis).Uses(rabbitmq);

var membership = builder.AddProject<Projects.Platform_Membership>("membership")
    .AsPlatformService(ports.Port(5102), keys)
    .Uses(membershipDb).Uses(rabbitmq)
    // Who accepts an invitation is asked of identity when membership's copy of the account lags.
    .WithReference(identity);

var notifications = builder.AddProject<Projects.Platform_Notifications>("notifications")
    .AsPlatformService(ports.Port(5103), keys)
    .Uses(notificationsDb).Uses(rabbitmq).Uses(smtp)
    // Links in emails must point at the public entry point, never at the service itself.
    .WithEnvironment("Email__PublicBaseUrl", gateway.GetEndpoint("http"))
    // On a developer's machine webhook receivers run on localhost; deployments keep private addresses refused.
    .WithEnvironment("Webhooks__AllowPrivateAddresses", "true")
    .WithEnvironment("Webhooks__AllowInsecureHttp", "true");

var approvals = builder.AddProject<Projects.Platform_Approvals>("approvals")
    .AsPlatformService(ports.Port(5104), keys)
    .Uses(approvalsDb).Uses(rabbitmq);

// A request to join (POST .../join-requests) is filed with approvals in the asker's name.
membership.WithReference(approvals);

gateway
    .Uses(redis)
    .WithReference(identity).WaitFor(identity)
    .WithReference(membership).WaitFor(membership)
    .WithReference(notifications).WaitFor(notifications)
    .WithReference(approvals).WaitFor(approvals)
    .WithEnvironment("InternalToken__SigningKey", keys.SigningKey)
    .WithExternalHttpEndpoints()
    .WithPageUrl("/", "console")
    .WithPageUrl("/api-reference", "API reference");

builder.PrintWhenHealthy(gateway, smtp, identity, membership, notifications, approvals);

builder.Build().Run();
