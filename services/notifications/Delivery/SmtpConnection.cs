using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Platform.Notifications.Delivery;

/// <summary>
/// One worker's SMTP connection, opened on first use and kept open between emails. A connection fault
/// (the server closed an idle connection, answered <c>421</c>, or the socket broke) is not the email's
/// fault: the email goes again at once over a new connection. Only when no connection can be opened does
/// <see cref="SmtpUnavailableException"/> say that the server is away.
/// </summary>
internal sealed class SmtpConnection(SmtpSettings smtp, TimeSpan commandTimeout) : IDisposable
{
    private readonly SmtpClient client = new() { Timeout = (int)commandTimeout.TotalMilliseconds };

    /// <summary>Returns once the server accepted the message (its 250 after DATA).</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (IsConnectionFault(exception) && !cancellationToken.IsCancellationRequested)
        {
            await DisconnectAsync();
            await EnsureConnectedAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }
    }

    /// <summary>After a failure that leaves the connection in an unknown state: the next email opens a new one.</summary>
    public Task DisconnectAsync() => client.DisconnectAsync(quit: false, CancellationToken.None);

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            return;
        }

        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (smtp.UserName is not null)
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DisconnectAsync();
            throw new SmtpUnavailableException($"The SMTP server {smtp.Host}:{smtp.Port} cannot be reached: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The connection is broken or in an unknown state: a timeout mid-command, or <c>421</c>, with which a
    /// server announces that it is closing the connection (RFC 5321 3.8), as Postfix does after an idle timeout.
    /// </summary>
    public static bool IsConnectionFault(Exception exception) =>
        exception is ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException
            or TimeoutException or OperationCanceledException
        || exception is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    public void Dispose() => client.Dispose();
}

internal sealed class SmtpUnavailableException(string message, Exception inner) : Exception(message, inner);
