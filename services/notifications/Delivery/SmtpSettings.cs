using MailKit.Security;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Parsed <c>ConnectionStrings:smtp</c>: <c>smtp://[user:password@]host:port</c> (STARTTLS when the
/// server offers it), <c>smtps://</c> for TLS on connect; <c>?tls=required</c> refuses a server without STARTTLS.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    public static SmtpSettings FromConnectionString(string connectionString)
    {
        var uri = new Uri(connectionString);
        var security = uri.Scheme switch
        {
            "smtps" => SecureSocketOptions.SslOnConnect,
            "smtp" when uri.Query.Contains("tls=required", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.StartTls,
            "smtp" => SecureSocketOptions.StartTlsWhenAvailable,
            _ => throw new InvalidOperationException($"ConnectionStrings:smtp must start with smtp:// or smtps://, not {uri.Scheme}://."),
        };
        var credentials = uri.UserInfo.Split(':', 2);
        return new SmtpSettings(
            uri.Host,
            uri.IsDefaultPort ? (security == SecureSocketOptions.SslOnConnect ? 465 : 25) : uri.Port,
            security,
            credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null,
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null);
    }
}
