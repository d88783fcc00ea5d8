using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.ServiceDefaults.Resilience;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.Faults;

/// <summary>Which faults answer 503 (the server is briefly away) and which stay a 500 (a bug).</summary>
public sealed class TransientFailuresTests
{
    public static TheoryData<string, Exception, bool> Faults => new()
    {
        { "admin shutdown (pg_ctl restart)", Postgres("57P01"), true },
        { "crash shutdown", Postgres("57P02"), true },
        { "cannot connect now (starting up)", Postgres("57P03"), true },
        { "too many connections", Postgres("53300"), true },
        { "deadlock", Postgres("40P01"), true },
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "timeout", new NpgsqlException("Exception while reading from stream", new TimeoutException()), true },
        { "retries exhausted", new RetryLimitExceededException("retries", new NpgsqlException("x", new SocketException((int)SocketError.ConnectionReset))), true },
        { "inside SaveChanges", new DbUpdateException("save", Postgres("57P01")), true },
        { "Redis away", new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection"), true },
        { "Redis timeout", new RedisTimeoutException("Timeout", CommandStatus.Sent), true },
        { "unique violation", new DbUpdateException("save", Postgres("23505")), false },
        { "syntax error", Postgres("42601"), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_transient_only_when_the_server_is_briefly_away(string fault, Exception exception, bool transient)
    {
        Assert.True(TransientFailures.IsTransient(exception) == transient, $"{fault}: expected transient = {transient}");
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
