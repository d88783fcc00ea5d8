using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Application;

/// <summary>
/// Finds pending requests whose step is past its deadline and lets each escalate by its policy (next
/// step, then the organization's admins) or expire, publishing what changed with the change.
/// </summary>
public sealed class ExpirySweep(ApprovalsDbContext db, RequestEventPublisher events, TimeProvider time, ILogger<ExpirySweep> logger)
{
    public const int BatchSize = 100;

    /// <summary>Handles everything due now, a batch at a time; returns how many requests changed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        // Interrupted batches are bounded, so a pass ends even while others keep changing the same requests.
        for (var interruptions = 0; interruptions < 10;)
        {
            var (found, changedInBatch, interrupted) = await RunBatchAsync(now, cancellationToken);
            changed += changedInBatch;
            db.ChangeTracker.Clear();
            if (interrupted) interruptions++;
            else if (found < BatchSize) break;
        }

        return changed;
    }

    private async Task<(int Found, int Changed, bool Interrupted)> RunBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.Requests.Where(r => r.State == RequestState.Pending && r.StepDeadline <= now)
            .OrderBy(r => r.StepDeadline).ThenBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var organization in due.GroupBy(r => r.OrganizationId))
        {
            var directory = await DirectorySnapshot.LoadAsync(db, organization.Key, cancellationToken);
            foreach (var request in organization)
            {
                var before = RequestBefore.Of(request);
                if (!request.ExpireIfDue(now, directory)) continue;
                await events.PublishAsync(request, before, RequestEventPublisher.Escalated, null, now, cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    changed++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Decided or escalated by someone else meanwhile. The unsaved change and its events are
                    // dropped with the whole batch (the context is cleared); the rest is read again.
                    logger.LogInformation("Request {RequestId} changed while expiring; reading the due requests again", request.Id);
                    return (due.Count, changed, true);
                }
            }
        }

        return (due.Count, changed, false);
    }
}

public sealed class ExpiryOptions
{
    public const string SectionName = "Expiry";

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Runs <see cref="ExpirySweep"/> on the service's clock, so tests move time instead of waiting.</summary>
public sealed class ExpiryWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<ExpiryOptions> options, ILogger<ExpiryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = scope.ServiceProvider.GetRequiredService<ExpirySweep>();
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The expiry sweep failed; it runs again at the next tick");
            }
        }
    }
}
