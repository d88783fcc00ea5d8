using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes outbox rows and marks them sent. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// inside a transaction, so replicas of a service never publish the same row at once; a crash
/// between publish and commit republishes the row, which the consumers' inbox absorbs.
/// </summary>
internal sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly ActivitySource Source = new(TelemetryExtensions.PlatformSourceName);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);
    private readonly MessagingOptions settings = options.Value;
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var fullBatch = false;
            try
            {
                fullBatch = await DispatchBatchAsync(stoppingToken) == settings.OutboxBatchSize;
                await CleanUpIfDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogDispatchFailed(exception);
            }

            if (!fullBatch)
            {
                try { await signal.WaitAsync(settings.OutboxPollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        var due = await db.Set<OutboxMessage>()
            .FromSql($"""
                SELECT * FROM "OutboxMessages"
                WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt", "Id"
                LIMIT {settings.OutboxBatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                message.MarkSent(time.GetUtcNow());
                sent++;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The broker is most likely away: keep the rest for the next round rather than
                // waiting out a timeout for each of them.
                message.MarkFailed(exception.Message, time.GetUtcNow());
                LogPublishFailed(exception, message.MessageId, message.Attempts);
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sent;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = MessageSerialization.ResolveType(message.MessageType);
        var payload = JsonSerializer.Deserialize(message.Body, type, MessageSerialization.Options)
            ?? throw new InvalidOperationException($"Outbox message {message.MessageId} has an empty body.");

        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.MessageId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        await bus.Publish(payload, type, context => context.MessageId = message.MessageId, timeout.Token);
    }

    private async Task CleanUpIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < nextCleanup) return;
        nextCleanup = now + CleanupInterval;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = now - settings.Retention;
        await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboxRecord>().Where(r => r.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch round failed; it will be retried")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Publishing outbox message {MessageId} failed (attempt {Attempts}); it stays queued")]
    private partial void LogPublishFailed(Exception exception, Guid messageId, int attempts);
}
