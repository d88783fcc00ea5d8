namespace Platform.AppHost.Hosting;

public sealed class RedisResource : InfrastructureResource
{
    internal RedisResource(string name, int? port)
        : base(name)
    {
        Port = port;
    }

    /// <summary>The declared port; null picks a free one.</summary>
    public int? Port { get; }

    internal override ILocalServer CreateServer(DistributedApplicationContext context)
        => new RedisServer(context.DataDirectory, context.ResolvePort(Port), Name, context.EchoToConsole);
}
