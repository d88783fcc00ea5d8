using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// The inbox: a consumer's effects and the record of the MessageId commit in one transaction, so a
/// redelivered or duplicated message is a no-op. Two copies racing each other both run, but only one
/// commits (primary key on MessageId + consumer); the loser is retried and then finds the record.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, TimeProvider time, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    private readonly List<Action> afterCommit = [];

    protected TDbContext Db => db;
    protected TimeProvider Time => time;

    /// <summary>Runs once the effects are committed (waking a worker that would not see them earlier).</summary>
    protected void AfterCommit(Action action) => afterCommit.Add(action);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} without a MessageId cannot be deduplicated.");
        var consumer = GetType().Name;

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        if (await db.Set<InboxRecord>().AnyAsync(r => r.MessageId == messageId && r.Consumer == consumer, context.CancellationToken))
        {
            logger.LogInformation("{Consumer} already handled message {MessageId}; skipping the duplicate", consumer, messageId);
            return;
        }

        await HandleAsync(context.Message, context);
        db.Set<InboxRecord>().Add(new InboxRecord(messageId, consumer, time.GetUtcNow()));
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        afterCommit.ForEach(action => action());
    }

    /// <summary>Make the changes on <see cref="Db"/>; the base class saves and commits them.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);
}
