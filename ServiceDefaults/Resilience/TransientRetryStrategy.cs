using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Npgsql's retrying execution strategy, so a query or a <c>SaveChanges</c> (with its outbox rows, in
/// one implicit transaction) that meets a PostgreSQL restart is tried again, at once and then a second
/// apart, for about four seconds: a fast restart takes one to three. A database that stays away costs a
/// request that long per statement before it answers 503.
/// Unlike the stock strategy it does not forbid explicit transactions (<c>BeginTransactionAsync</c>)
/// started outside <c>strategy.ExecuteAsync</c>: it runs their statements once, without retrying, because
/// a retry cannot replay what the transaction did before the fault. Such a transaction rolls back and the
/// request answers 503 (<see cref="TransientFailureExceptionHandler"/>). This keeps the retries in one
/// place instead of wrapping every transaction in every service.
/// </summary>
internal sealed class TransientRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, RetryCount, MaxDelay, TransientFailures.PostgresStates)
{
    private const int RetryCount = 5;
    // EF Core's backoff is exponential from one second; capped, the waits are 0, 1, 1, 1, 1 s.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);
    private bool insideUserTransaction;

    protected override void OnFirstExecution()
    {
        insideUserTransaction = Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
        if (insideUserTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !insideUserTransaction && base.ShouldRetryOn(exception);
}
