using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging;

internal sealed class EventOutbox<TDbContext>(TDbContext db, OutboxSignal signal, TimeProvider time) : IEventOutbox
    where TDbContext : DbContext
{
    private bool wakesDispatcher;

    public void Add<TEvent>(TEvent message) where TEvent : class
    {
        var body = JsonSerializer.Serialize(message, MessageSerialization.Options);
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(
            NewId.NextGuid(), MessageSerialization.TypeName(typeof(TEvent)), body, Activity.Current?.Id, time.GetUtcNow()));

        if (!wakesDispatcher)
        {
            // Publish promptly after the commit instead of waiting for the next poll.
            db.SavedChanges += (_, _) => signal.Notify();
            wakesDispatcher = true;
        }
    }
}
