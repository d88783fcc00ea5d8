namespace Platform.AppHost.Infrastructure;

/// <summary>maildev as a container: SMTP on 1025, inbox and REST API on 1080.</summary>
public sealed class MailDevContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public EndpointReference SmtpEndpoint => new(this, "smtp");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{SmtpEndpoint.Property(EndpointProperty.Host)}:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}

public static class MailDevContainerExtensions
{
    public static IResourceBuilder<MailDevContainerResource> AddMailDevContainer(
        this IDistributedApplicationBuilder builder, string name, int? smtpPort, int? webPort) =>
        builder.AddResource(new MailDevContainerResource(name))
            .WithImage("maildev/maildev", "2.2.1")
            .WithEndpoint(port: smtpPort, targetPort: 1025, scheme: "smtp", name: "smtp")
            .WithHttpEndpoint(port: webPort, targetPort: 1080, name: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Inbox")
            .WithHttpHealthCheck("/healthz", endpointName: "http");
}
