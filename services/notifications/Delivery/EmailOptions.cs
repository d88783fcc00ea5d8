using Platform.Notifications.Model;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Delivery;

/// <summary>Section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string FromAddress { get; set; } = "no-reply@platform.localhost";
    public string FromName { get; set; } = "Platform";
    /// <summary>
    /// Delivery workers, each with its own SMTP connection, kept open between emails. With more than
    /// one, the first sends only security and transactional emails, so they never queue behind a broadcast.
    /// </summary>
    public int Concurrency { get; set; } = 4;
    /// <summary>Deliveries a worker claims in one transaction and sends over its connection.</summary>
    public int BatchSize { get; set; } = 50;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The first wait after an email failed; it doubles with each failure (see <c>EmailDelivery.BackoffAfter</c>).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// While the SMTP server cannot be reached, a worker tries it again after 0.5 s, doubling up to this:
    /// mail resumes at most this long after the server is back. The emails' own attempts are not counted.
    /// </summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How long one SMTP command may take before the attempt fails.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Where links in emails point: the gateway's public URL.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5100";
    /// <summary>
    /// The template files (<c>{template}/{part}.{locale}.hbs</c> and <c>_layout.{locale}.hbs</c>); relative
    /// to the binaries, where the build copies them. Point it at a mounted folder to brand the emails.
    /// </summary>
    public string TemplatesDirectory { get; set; } = "Templates";

    /// <summary>
    /// Per-recipient limits of the emails a stranger can trigger again and again (the address is all it
    /// takes to ask for a verification or reset email). Override one with
    /// <c>Email:RecipientLimits:verify-email:Max</c>; 0 turns it off.
    /// </summary>
    public Dictionary<string, RecipientLimit> RecipientLimits { get; set; } = new(StringComparer.Ordinal)
    {
        [EmailTemplates.VerifyEmail] = new() { Max = 5 },
        [EmailTemplates.ResetPassword] = new() { Max = 5 },
        [EmailTemplates.ConfirmEmailChange] = new() { Max = 5 },
        [EmailTemplates.ExistingAccountSignUp] = new() { Max = 5 },
    };
}
