using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Delivery;

/// <summary>
/// POSTs queued webhook deliveries, signed, with bounded concurrency. A worker claims one due delivery
/// together with its endpoint (<c>FOR UPDATE OF d, e SKIP LOCKED</c>): replicas never send the same
/// delivery twice at once, and each endpoint gets one request at a time, so its failure count is
/// exact and a struggling receiver is not hammered. Every attempt is logged; failures back off
/// exponentially and, after <see cref="WebhookOptions.DisableAfterConsecutiveFailures"/> in a row,
/// the endpoint is disabled and the operator told.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    WebhookSignal signal,
    DeliverySignal emailSignal,
    TemplateRenderer templates,
    TimeProvider time,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly WebhookOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Concurrency)).Select(_ => RunWorkerAsync(stoppingToken)));

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await DeliverNextAsync(stoppingToken);
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

    private async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        var claimed = await db.WebhookDeliveries
            .FromSql($"""
                SELECT d.* FROM "WebhookDeliveries" d
                JOIN "WebhookEndpoints" e ON e."Id" = d."EndpointId"
                WHERE d."State" IN ('Pending', 'Retrying') AND d."NextAttemptAt" <= {now}
                  AND e."State" = 'Active' AND (e."RetryAt" IS NULL OR e."RetryAt" <= {now})
                ORDER BY d."NextAttemptAt"
                LIMIT 1
                FOR UPDATE OF d, e SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (claimed is not [var delivery])
        {
            return false;
        }

        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var (statusCode, error, duration) = await PostAsync(endpoint, delivery, cancellationToken);
        now = time.GetUtcNow();
        db.WebhookAttempts.Add(new WebhookAttempt(delivery.Id, now, statusCode, error, duration));

        var notifyOperator = false;
        if (error is null)
        {
            delivery.MarkDelivered(statusCode!.Value, now);
            endpoint.RecordSuccess(now);
        }
        else
        {
            var policy = settings.RetryPolicy;
            delivery.MarkFailed(statusCode, error, now, policy);
            LogAttemptFailed(delivery.Id, endpoint.Id, delivery.Attempts, error);
            if (endpoint.RecordFailure(error, now, policy))
            {
                delivery.GiveUp();
                await db.WebhookDeliveries
                    .Where(d => d.EndpointId == endpoint.Id && d.Id != delivery.Id
                        && (d.State == WebhookDeliveryState.Pending || d.State == WebhookDeliveryState.Retrying))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(d => d.State, WebhookDeliveryState.Failed)
                        .SetProperty(d => d.LastError, "Not attempted: the endpoint was disabled."), cancellationToken);
                LogEndpointDisabled(endpoint.Id, endpoint.OrganizationId, endpoint.DisabledReason);
                notifyOperator = await QueueDisabledNoticeAsync(db, endpoint, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (notifyOperator)
        {
            emailSignal.Notify();
        }

        return true;
    }

    private async Task<(int? StatusCode, string? Error, TimeSpan Duration)> PostAsync(
        WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(WebhookOptions.HttpClientName);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var id = delivery.Id.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(endpoint.SigningSecrets(time.GetUtcNow()), id, timestamp, delivery.Payload));

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null : $"HTTP {status}", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException exception)
        {
            return (null, Innermost(exception).Message, Stopwatch.GetElapsedTime(started));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {client.Timeout.TotalSeconds:0.#} s.", Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Tells the organization's owner and admins (as the membership projection knows them), each in their
    /// language, and the operator (<see cref="WebhookOptions.OperatorEmail"/>) when one is configured.
    /// </summary>
    private async Task<bool> QueueDisabledNoticeAsync(
        NotificationsDbContext db, WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = await db.AdministratorAddressesAsync(endpoint.OrganizationId, cancellationToken);
        if (!string.IsNullOrWhiteSpace(settings.OperatorEmail))
        {
            recipients.Add(new Recipient(settings.OperatorEmail, Locale: null));
        }

        var model = new WebhookDisabledModel(endpoint.OrganizationId, endpoint.Id, endpoint.Url, endpoint.DisabledReason ?? "", endpoint.DisabledAt ?? now);
        var noticeId = Guid.CreateVersion7(now);
        foreach (var recipient in recipients.DistinctBy(r => EmailDelivery.NormalizeAddress(r.Email)))
        {
            var message = templates.Render(EmailTemplates.WebhookDisabled, recipient.Locale, model);
            db.Deliveries.Add(EmailDelivery.Queue(noticeId, EmailTemplates.WebhookDisabled, recipient.Email, message, now));
        }

        return recipients.Count > 0;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    [LoggerMessage(LogLevel.Warning, "Webhook round failed; it will be retried")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed (attempt {Attempts}): {Error}")]
    private partial void LogAttemptFailed(Guid deliveryId, Guid endpointId, int attempts, string error);

    [LoggerMessage(LogLevel.Warning, "Webhook endpoint {EndpointId} of organization {OrganizationId} disabled: {Reason}")]
    private partial void LogEndpointDisabled(Guid endpointId, Guid organizationId, string? reason);
}
