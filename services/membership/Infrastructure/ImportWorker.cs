using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Membership.Application;
using Platform.Membership.Model.Imports;

namespace Platform.Membership.Infrastructure;

/// <summary>
/// Runs committed imports in the background, one batch per transaction. It takes a job by leasing it
/// (a job whose lease ran out belongs to a process that died or stalled, and is taken over where its
/// cursor stands), so imports survive restarts and several replicas share the work.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportSignal signal, TimeProvider time, IOptions<ImportOptions> options, ILogger<ImportWorker> logger)
    : BackgroundService
{
    private const int AttemptsPerBatch = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAsync(stoppingToken) is { } importId) await RunAsync(importId, stoppingToken);
                else await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly away; committed imports wait for the next round.
                logger.LogError(exception, "The import worker could not look for committed imports");
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task<Guid?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var now = time.GetUtcNow();
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE "ImportJobs" SET "LeaseUntil" = {now + options.Value.Lease}
            WHERE "Id" = (SELECT "Id" FROM "ImportJobs"
                          WHERE "State" = 'Committing' AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                          ORDER BY "CommittedAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    private async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        logger.LogInformation("Processing import {ImportId}", importId);
        var failures = 0;
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<ImportCommitter>().ProcessBatchAsync(importId, cancellationToken)) break;
                failures = 0;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is DbUpdateException or NpgsqlException or TimeoutException)
            {
                // A batch that conflicts with a concurrent change (an address invited meanwhile) succeeds when
                // retried, because it then sees that change; one that keeps failing fails the import visibly.
                if (++failures < AttemptsPerBatch)
                {
                    logger.LogWarning(exception, "Import {ImportId}: a batch failed (attempt {Attempt}); retrying", importId, failures);
                    continue;
                }

                logger.LogError(exception, "Import {ImportId} failed", importId);
                await FailAsync(importId, exception.Message, cancellationToken);
                break;
            }
        }
    }

    private async Task FailAsync(Guid importId, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var job = await db.ImportJobs.SingleAsync(j => j.Id == importId, cancellationToken);
        job.Fail($"A batch failed {AttemptsPerBatch} times: {error}", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
