using System.Globalization;

namespace Platform.AppHost.Infrastructure;

/// <summary>maildev (from .tools/maildev) as the SMTP sink: mails kept in {data}/mail, inbox and REST API on http.</summary>
public sealed class MailDevExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "node", workingDirectory), IResourceWithConnectionString
{
    public EndpointReference SmtpEndpoint => new(this, "smtp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"smtp://127.0.0.1:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}

public static class MailDevExecutableExtensions
{
    public static IResourceBuilder<MailDevExecutableResource> AddMailDevExecutable(
        this IDistributedApplicationBuilder builder, string name, InfrastructureSettings settings, int fixedSmtpPort, int fixedWebPort)
    {
        var (smtpPort, webPort) = (settings.Port(fixedSmtpPort), settings.Port(fixedWebPort));
        var script = Path.Combine(settings.RepositoryRoot, ".tools", "maildev", "node_modules", ".bin", "maildev");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"maildev is not installed ({script}): run scripts/install-prerequisites.sh.");
        }

        var mail = settings.DataFolder("mail");
        return builder.AddResource(new MailDevExecutableResource(name, mail))
            .WithArgs(script, "--ip", "127.0.0.1", "--smtp", smtpPort.ToString(CultureInfo.InvariantCulture),
                "--web-ip", "127.0.0.1", "--web", webPort.ToString(CultureInfo.InvariantCulture), "--mail-directory", mail)
            .WithFixedEndpoint("smtp", smtpPort, "smtp")
            .WithFixedEndpoint("http", webPort, "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Inbox")
            .WithHttpHealthCheck("/api/healthz", endpointName: "http");
    }
}
