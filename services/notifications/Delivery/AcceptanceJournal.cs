using Npgsql;
using NpgsqlTypes;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Records, on a connection of its own and committed at once, that the SMTP server accepted a delivery
/// (<see cref="Model.SmtpAcceptance"/>). The batch that claimed the delivery commits much later; this
/// record is what a crash in between leaves behind.
/// </summary>
internal sealed class AcceptanceJournal(NpgsqlConnection connection) : IAsyncDisposable
{
    private readonly NpgsqlCommand insert = new(
        """INSERT INTO "SmtpAcceptances" ("DeliveryId", "SmtpMessageId", "AcceptedAt") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING""",
        connection)
    {
        Parameters =
        {
            new() { NpgsqlDbType = NpgsqlDbType.Uuid },
            new() { NpgsqlDbType = NpgsqlDbType.Varchar },
            new() { NpgsqlDbType = NpgsqlDbType.TimestampTz },
        },
    };

    /// <summary>
    /// With <c>synchronous_commit</c> off for these records alone: a record is committed (visible, and safe
    /// from a crash of this process) when the INSERT returns, but the worker does not wait for PostgreSQL to
    /// flush it to disk before the next email. A crash of PostgreSQL itself may forget the last fraction of a
    /// second of records (three times <c>wal_writer_delay</c>), whose emails would then go again.
    /// </summary>
    public static async Task<AcceptanceJournal> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var journal = new AcceptanceJournal(connection);
        await journal.insert.PrepareAsync(cancellationToken);
        return journal;
    }

    /// <summary>Not cancellable: the server has accepted the email, and this is what keeps it from going twice.</summary>
    public async Task RecordAsync(Guid deliveryId, string smtpMessageId, DateTimeOffset acceptedAt)
    {
        insert.Parameters[0].Value = deliveryId;
        insert.Parameters[1].Value = smtpMessageId;
        insert.Parameters[2].Value = acceptedAt.ToUniversalTime();
        await insert.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await insert.DisposeAsync();
        await connection.DisposeAsync();
    }
}
