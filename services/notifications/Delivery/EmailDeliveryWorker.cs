using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Resilience;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Sends queued deliveries over SMTP with bounded concurrency: <see cref="EmailOptions.Concurrency"/>
/// workers, each with one SMTP connection it keeps open (one of them kept for urgent emails). A worker claims up to
/// <see cref="EmailOptions.BatchSize"/> due rows with <c>FOR UPDATE SKIP LOCKED</c> (urgent ones
/// first), sends them one after another over its connection and records each outcome in the same
/// transaction, so replicas never send the same delivery at once. Each acceptance by the server is also
/// committed at once on its own (<see cref="AcceptanceJournal"/>): a crash before the batch commits repeats
/// only the email that was in flight on each connection. An SMTP outage only delays; nothing is dropped.
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
        using var connection = new SmtpConnection(smtp, settings.SmtpTimeout);
        var reconnect = new ReconnectBackoff(settings.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = new Round(0, ServerAway: false);
            try
            {
                round = await SendBatchAsync(connection, lowestPriority, reconnect.Current, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRoundFailed(exception);
            }

            try
            {
                if (round.ServerAway)
                {
                    // The claimed emails are due again when this wait ends: it bounds how long mail waits after the server is back.
                    await Task.Delay(reconnect.Current, time, stoppingToken);
                    reconnect.Failed();
                    continue;
                }

                reconnect.Reset();
                if (round.Claimed == 0)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<Round> SendBatchAsync(
        SmtpConnection connection, DeliveryPriority lowestPriority, TimeSpan reconnectDelay, CancellationToken cancellationToken)
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
        if (batch.Count == 0)
        {
            return new Round(0, ServerAway: false);
        }

        var ids = batch.Select(d => d.Id).ToList();
        var accepted = await db.SmtpAcceptances.Where(a => ids.Contains(a.DeliveryId)).ToDictionaryAsync(a => a.DeliveryId, cancellationToken);
        var serverAway = false;
        await using (var journal = await AcceptanceJournal.OpenAsync(db.Database.GetConnectionString()!, cancellationToken))
        {
            for (var i = 0; i < batch.Count && !cancellationToken.IsCancellationRequested; i++)
            {
                var delivery = batch[i];
                if (accepted.TryGetValue(delivery.Id, out var earlier))
                {
                    // Accepted by the server before a crash ended the batch that claimed it: record it, do not send it again.
                    delivery.MarkSent(earlier.SmtpMessageId, earlier.AcceptedAt);
                    continue;
                }

                try
                {
                    var message = ToMime(delivery);
                    await connection.SendAsync(message, cancellationToken);
                    var sentAt = time.GetUtcNow();
                    await journal.RecordAsync(delivery.Id, message.MessageId ?? "", sentAt);
                    delivery.MarkSent(message.MessageId ?? "", sentAt);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break; // shutting down: this one and the rest stay queued
                }
                catch (SmtpUnavailableException unavailable)
                {
                    // Nothing in this batch can go out: each waits for the worker's next try of the server.
                    var retryAt = time.GetUtcNow() + reconnectDelay;
                    foreach (var waiting in batch.Skip(i).Where(d => !accepted.ContainsKey(d.Id)))
                    {
                        waiting.WaitForServer(unavailable.Message, retryAt);
                    }

                    LogSmtpUnavailable(unavailable.InnerException!, batch.Count - i, reconnectDelay);
                    serverAway = true;
                    break;
                }
                catch (Exception exception)
                {
                    delivery.MarkFailed(exception.Message, time.GetUtcNow(), settings.FirstRetryDelay);
                    LogSendFailed(exception, delivery.Id, delivery.Attempts, delivery.State);
                    if (SmtpConnection.IsConnectionFault(exception))
                    {
                        await connection.DisconnectAsync();
                    }
                }
            }
        }

        // Not cancelled by a shutdown: what was sent is recorded, so a restart does not send it again.
        await db.SmtpAcceptances.Where(a => ids.Contains(a.DeliveryId)).ExecuteDeleteAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return new Round(batch.Count, serverAway);
    }

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

    /// <param name="Claimed">Deliveries claimed in the round.</param>
    /// <param name="ServerAway">No connection to the SMTP server could be opened.</param>
    private readonly record struct Round(int Claimed, bool ServerAway);

    [LoggerMessage(LogLevel.Warning, "Delivery round failed; it will be retried")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Sending delivery {DeliveryId} failed (attempt {Attempts}, now {State})")]
    private partial void LogSendFailed(Exception exception, Guid deliveryId, int attempts, DeliveryState state);

    [LoggerMessage(LogLevel.Warning, "SMTP server unavailable; {Count} claimed deliveries wait, next try in {Delay}")]
    private partial void LogSmtpUnavailable(Exception exception, int count, TimeSpan delay);
}
