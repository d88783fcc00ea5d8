using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Sends queued deliveries over SMTP with bounded concurrency: <see cref="EmailOptions.Concurrency"/>
/// workers, each with one SMTP connection it keeps open (one of them kept for urgent emails). A worker claims up to
/// <see cref="EmailOptions.BatchSize"/> due rows with <c>FOR UPDATE SKIP LOCKED</c> (urgent ones
/// first), sends them one after another over its connection and records each outcome in the same
/// transaction, so replicas never send the same delivery at once. An SMTP outage only schedules
/// retries; nothing is dropped. A crash after the server accepted an email but before the commit sends
/// that email again: delivery is at least once, and the batch bounds how many.
/// </summary>
internal sealed partial class EmailDeliveryWorker(
    IServiceScopeFactory scopes,
    SmtpSettings smtp,
    IOptions<EmailOptions> options,
    DeliverySignal signal,
    TimeProvider time,
    ILogger<EmailDeliveryWorker> logger) : BackgroundService
{
    private readonly EmailOptions settings = options.Value;

    /// <summary>
    /// With more than one worker, the first sends only security and transactional emails: a password
    /// reset never waits for a worker to finish a batch of a broadcast.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, settings.Concurrency);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(worker =>
            RunWorkerAsync(worker == 0 && workers > 1 ? DeliveryPriority.Immediate : DeliveryPriority.Bulk, stoppingToken)));
    }

    private async Task RunWorkerAsync(DeliveryPriority lowestPriority, CancellationToken stoppingToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await SendBatchAsync(client, lowestPriority, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRoundFailed(exception);
            }

            if (claimed == 0)
            {
                try { await signal.WaitAsync(settings.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<int> SendBatchAsync(SmtpClient client, DeliveryPriority lowestPriority, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        var batch = await db.Deliveries
            .FromSql($"""
                SELECT * FROM "EmailDeliveries"
                WHERE "State" IN ('Queued', 'Retrying') AND "NextAttemptAt" <= {now} AND "Priority" <= {(short)lowestPriority}
                ORDER BY "Priority", "NextAttemptAt"
                LIMIT {Math.Max(1, settings.BatchSize)}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        for (var i = 0; i < batch.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            var delivery = batch[i];
            try
            {
                var messageId = await SendAsync(client, delivery, cancellationToken);
                delivery.MarkSent(messageId, time.GetUtcNow());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break; // shutting down: this one and the rest stay queued
            }
            catch (SmtpUnavailableException unavailable)
            {
                // Nothing in this batch can go out: each records the failed attempt and waits its backoff.
                foreach (var waiting in batch.Skip(i))
                {
                    waiting.MarkFailed(unavailable.Message, time.GetUtcNow(), settings.FirstRetryDelay);
                }

                LogSmtpUnavailable(unavailable.InnerException!, batch.Count - i);
                break;
            }
            catch (Exception exception)
            {
                delivery.MarkFailed(exception.Message, time.GetUtcNow(), settings.FirstRetryDelay);
                LogSendFailed(exception, delivery.Id, delivery.Attempts, delivery.State);
                if (IsConnectionFault(exception))
                {
                    await client.DisconnectAsync(quit: false, CancellationToken.None);
                }
            }
        }

        // Not cancelled by a shutdown: what was sent is recorded, so a restart does not send it again.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return batch.Count;
    }

    /// <summary>
    /// Sends over the worker's open connection. A connection that went stale while idle (the server
    /// closed it) is not the email's fault: reconnect once and send again before counting a failure.
    /// </summary>
    private async Task<string> SendAsync(SmtpClient client, EmailDelivery delivery, CancellationToken cancellationToken)
    {
        var message = ToMime(delivery);
        var reused = await EnsureConnectedAsync(client, cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (reused && IsConnectionFault(exception) && !cancellationToken.IsCancellationRequested)
        {
            await client.DisconnectAsync(quit: false, CancellationToken.None);
            await EnsureConnectedAsync(client, cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }

        return message.MessageId ?? "";
    }

    /// <summary>True when the connection was already open.</summary>
    private async Task<bool> EnsureConnectedAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            return true;
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
            await client.DisconnectAsync(quit: false, CancellationToken.None);
            throw new SmtpUnavailableException($"The SMTP server {smtp.Host}:{smtp.Port} cannot be reached: {exception.Message}", exception);
        }

        return false;
    }

    /// <summary>The connection is broken or in an unknown state (a timeout mid-command): open a new one.</summary>
    private static bool IsConnectionFault(Exception exception) =>
        exception is ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException
            or TimeoutException or OperationCanceledException;

    private MimeMessage ToMime(EmailDelivery delivery)
    {
        var message = new MimeMessage
        {
            Subject = delivery.Subject,
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(settings.FromAddress.Split('@').Last()),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(delivery.Recipient));
        foreach (var (name, value) in delivery.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder { TextBody = delivery.TextBody, HtmlBody = delivery.HtmlBody }.ToMessageBody();
        return message;
    }

    private sealed class SmtpUnavailableException(string message, Exception inner) : Exception(message, inner);

    [LoggerMessage(LogLevel.Warning, "Delivery round failed; it will be retried")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Sending delivery {DeliveryId} failed (attempt {Attempts}, now {State})")]
    private partial void LogSendFailed(Exception exception, Guid deliveryId, int attempts, DeliveryState state);

    [LoggerMessage(LogLevel.Warning, "SMTP server unavailable; {Count} claimed deliveries will be retried")]
    private partial void LogSmtpUnavailable(Exception exception, int count);
}
