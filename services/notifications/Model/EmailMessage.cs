namespace Platform.Notifications.Model;

/// <summary>A rendered email: what the SMTP server receives.</summary>
public sealed record EmailMessage(string Subject, string HtmlBody, string TextBody);
