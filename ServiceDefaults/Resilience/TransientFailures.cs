using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Faults of a backing server that pass by themselves: PostgreSQL restarting or refusing connections,
/// Redis away, another service not answering. A request that meets one is not a bug: it answers 503 and the client retries.
/// </summary>
public static class TransientFailures
{
    /// <summary>admin_shutdown, crash_shutdown, cannot_connect_now (starting up), too_many_connections.</summary>
    public static readonly string[] PostgresStates = ["57P01", "57P02", "57P03", "53300"];

    public static bool IsTransient(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (IsTransientItself(current)) return true;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient)) return true;
        }

        return false;
    }

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || PostgresStates.Contains(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient,
        RetryLimitExceededException => true,
        ServiceUnavailableException => true,
        RedisConnectionException or RedisTimeoutException => true,
        SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.TimedOut } => true,
        _ => false,
    };
}
