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

    /// <summary>One pass over what is due now; returns how many requests changed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Requests.Where(r => r.State == RequestState.Pending && r.StepDeadline <= now)
            .OrderBy(r => r.StepDeadline).Take(BatchSize).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var organization in due.GroupBy(r => r.OrganizationId))
        {
            var directory = await DirectorySnapshot.LoadAsync(db, organization.Key, cancellationToken);
            foreach (var request in organization)
            {
                var before = RequestBefore.Of(request);
                if (!request.ExpireIfDue(now, directory)) continue;
                await events.PublishAsync(request, before, RequestEventPublisher.Escalated, null, now, cancellationToken);
                if (await SavedAsync(request, cancellationToken)) changed++;
            }
        }

        return changed;
    }

    private async Task<bool> SavedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Decided or changed meanwhile: the next pass sees it as it is now.
            logger.LogInformation("Request {RequestId} changed while expiring; left for the next pass", request.Id);
            db.ChangeTracker.Clear();
            return false;
        }
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
                while (await sweep.RunAsync(stoppingToken) >= ExpirySweep.BatchSize) { }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The expiry sweep failed; it runs again at the next tick");
            }
        }
    }
}
