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

    public static async Task<AcceptanceJournal> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return new AcceptanceJournal(connection);
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
