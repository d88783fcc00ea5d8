using Platform.AppHost;
using Platform.AppHost.Hosting;

ShutdownSignal.AcceptInterruptWhenBackgrounded();
if (args is [InfrastructureCommand.Verb, .. var rest])
{
    return await InfrastructureCommand.RunAsync(rest);
}

var builder = DistributedApplication.CreateBuilder(args);
PlatformTopology.Declare(builder);
await using var app = builder.Build();
return await app.RunAsync();
