using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Sends queued deliveries over SMTP with bounded concurrency. Each worker claims one due row with
/// <c>FOR UPDATE SKIP LOCKED</c> and keeps the lock while it sends, so replicas never send the same
/// delivery at once. An SMTP outage only schedules retries; nothing is dropped.
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Concurrency)).Select(_ => RunWorkerAsync(stoppingToken)));

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        using var client = new SmtpClient();
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await SendNextAsync(client, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRoundFailed(exception);
            }

            if (!worked)
            {
                try { await signal.WaitAsync(settings.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<bool> SendNextAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        var delivery = await db.Deliveries
            .FromSql($"""
                SELECT * FROM "EmailDeliveries"
                WHERE "State" IN ('Queued', 'Retrying') AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt"
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .FirstOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        try
        {
            var message = ToMime(delivery);
            await EnsureConnectedAsync(client, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            delivery.MarkSent(message.MessageId ?? "", time.GetUtcNow());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            delivery.MarkFailed(exception.Message, time.GetUtcNow(), settings.FirstRetryDelay);
            LogSendFailed(exception, delivery.Id, delivery.Attempts, delivery.State);
            await client.DisconnectAsync(quit: false, CancellationToken.None).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task EnsureConnectedAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            return;
        }

        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (smtp.UserName is not null)
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
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
        message.Body = new BodyBuilder { TextBody = delivery.TextBody, HtmlBody = delivery.HtmlBody }.ToMessageBody();
        return message;
    }

    [LoggerMessage(LogLevel.Warning, "Delivery round failed; it will be retried")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Sending delivery {DeliveryId} failed (attempt {Attempts}, now {State})")]
    private partial void LogSendFailed(Exception exception, Guid deliveryId, int attempts, DeliveryState state);
}
