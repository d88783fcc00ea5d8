namespace Platform.AppHost.Hosting;

public sealed class RabbitMQServerResource : InfrastructureResource
{
    internal RabbitMQServerResource(string name, int? port, int? distributionPort, int? epmdPort)
        : base(name)
    {
        Port = port;
        DistributionPort = distributionPort;
        EpmdPort = epmdPort;
    }

    /// <summary>The declared AMQP port; null picks a free one.</summary>
    public int? Port { get; }

    public int? DistributionPort { get; }

    public int? EpmdPort { get; }

    internal override ILocalServer CreateServer(DistributedApplicationContext context)
        => new RabbitMqServer(
            context.DataDirectory,
            context.ResolvePort(Port),
            context.ResolvePort(DistributionPort),
            context.ResolvePort(EpmdPort),
            Name,
            context.EchoToConsole);
}
