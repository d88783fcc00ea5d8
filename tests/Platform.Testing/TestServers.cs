namespace Platform.Testing;

/// <summary>
/// The real PostgreSQL, RabbitMQ, Redis and SMTP sink of this test run. Found in this order:
/// the environment the test command exported (<c>ConnectionStrings__postgres</c> and friends);
/// otherwise the AppHost's own servers, started for this test process (<see cref="AppHostInfrastructure"/>),
/// as a run from an IDE does. One set per test process, shared by every test class, each of
/// which isolates itself (own database, message prefix, key prefix).
/// </summary>
public sealed record TestServers(string Postgres, string RabbitMq, string Redis, string Smtp, Uri MailDevApi)
{
    private static readonly Lazy<Task<TestServers>> Instance = new(StartAsync);

    public static Task<TestServers> GetAsync() => Instance.Value;

    private static async Task<TestServers> StartAsync()
    {
        if (FromEnvironment() is { } exported)
        {
            return exported;
        }

        var infrastructure = await AppHostInfrastructure.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => infrastructure.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        return await infrastructure.ToTestServersAsync();
    }

    private static TestServers? FromEnvironment()
    {
        string? Get(string name) => Environment.GetEnvironmentVariable(name);
        var postgres = Get("ConnectionStrings__postgres");
        var rabbit = Get("ConnectionStrings__rabbitmq");
        var redis = Get("ConnectionStrings__redis");
        var smtp = Get("ConnectionStrings__smtp");
        var mailApi = Get("services__smtp__http__0");
        if (postgres is null || rabbit is null || redis is null || smtp is null || mailApi is null)
        {
            return null;
        }

        return new TestServers(postgres, rabbit, redis, smtp, new Uri(mailApi));
    }
}
