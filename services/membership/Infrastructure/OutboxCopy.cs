using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Membership.Infrastructure;

/// <summary>
/// Stages many events in the outbox with one binary COPY, in the caller's transaction: the rows are
/// exactly those <c>IEventOutbox.Add</c> writes (same table, type name and JSON), and the outbox
/// dispatcher publishes them the same way. Used where a batch has a thousand events (imports); the
/// caller wakes the dispatcher after committing. Tests publish through it and read the events back.
/// </summary>
internal static class OutboxCopy
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task WriteAsync<TEvent>(MembershipDbContext db, IReadOnlyList<TEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
        where TEvent : class
    {
        if (events.Count == 0) return;
        var type = $"{typeof(TEvent).FullName}, {typeof(TEvent).Assembly.GetName().Name}";
        var traceParent = Activity.Current?.Id;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "OutboxMessages" ("MessageId", "MessageType", "Body", "TraceParent", "CreatedAt", "NextAttemptAt", "Attempts") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var message in events)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(Guid.CreateVersion7(now), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(type, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(JsonSerializer.Serialize(message, Json), NpgsqlDbType.Jsonb, cancellationToken);
            if (traceParent is null) await writer.WriteNullAsync(cancellationToken);
            else await writer.WriteAsync(traceParent, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
