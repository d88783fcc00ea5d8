namespace Platform.AppHost.Hosting;

/// <summary>The SMTP sink; its connection string is smtp://host:port, its web UI and API are at <see cref="WebUrl"/>.</summary>
public sealed class MailDevResource : InfrastructureResource
{
    internal MailDevResource(string name, int? smtpPort, int? webPort)
        : base(name)
    {
        SmtpPort = smtpPort;
        WebPort = webPort;
    }

    /// <summary>The declared SMTP port; null picks a free one.</summary>
    public int? SmtpPort { get; }

    public int? WebPort { get; }

    /// <summary>The web UI and REST API; for an external SMTP server, services__&lt;name&gt;__http__0 when set.</summary>
    public Uri? WebUrl => Server is MailDevServer server ? server.WebUrl : ExternalWebUrl;

    internal Uri? ExternalWebUrl { get; set; }

    internal override ILocalServer CreateServer(DistributedApplicationContext context)
        => new MailDevServer(context.DataDirectory, context.ResolvePort(SmtpPort), context.ResolvePort(WebPort), Name, context.EchoToConsole);
}
