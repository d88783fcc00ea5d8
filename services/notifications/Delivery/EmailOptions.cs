namespace Platform.Notifications.Delivery;

/// <summary>Section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string FromAddress { get; set; } = "no-reply@platform.localhost";
    public string FromName { get; set; } = "Platform";
    /// <summary>Emails being sent at once, each over its own SMTP connection.</summary>
    public int Concurrency { get; set; } = 4;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Where links in emails point: the gateway's public URL.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5100";
    /// <summary>
    /// The template files (<c>{template}/{part}.{locale}.hbs</c> and <c>_layout.{locale}.hbs</c>); relative
    /// to the binaries, where the build copies them. Point it at a mounted folder to brand the emails.
    /// </summary>
    public string TemplatesDirectory { get; set; } = "Templates";
}
