using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The whole platform as the README's run command starts it: the AppHost itself (through Aspire.Hosting.Testing),
/// its own servers, every service as a separate process, reached only through the gateway. Every service exports
/// its telemetry to <see cref="Otlp"/> instead of the dashboard.
/// </summary>
public class RunningPlatform : IAsyncLifetime
{
    /// <summary>The README's first platform administrator (<c>Accounts__InitialAdminEmail</c>), given to identity.</summary>
    public const string InitialAdminEmail = "first-admin@example.com";

    private readonly string data = Path.Combine(Path.GetTempPath(), $"platform-e2e-{Guid.NewGuid():N}");
    public OtlpReceiver Otlp { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Otlp = await OtlpReceiver.StartAsync();
        // Generous: on a busy two-core machine five services and four servers take minutes to become healthy.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(
            ["--Infrastructure:DynamicPorts=true", $"--Infrastructure:DataDirectory={data}"], timeout.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(environment =>
            {
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint.ToString().TrimEnd('/');
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
                if (project.Name == "identity") environment["Accounts__InitialAdminEmail"] = InitialAdminEmail;
                foreach (var (name, value) in SettingsFor(project.Name)) environment[name] = value;
            }));
        }

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
    }

    /// <summary>Settings a derived fixture gives one service (by resource name) beyond what the AppHost gives it.</summary>
    protected virtual IReadOnlyDictionary<string, string> SettingsFor(string resourceName) => new Dictionary<string, string>();

    public async Task<string> ConnectionStringAsync(string resourceName)
        => await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Otlp.DisposeAsync();
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Every end-to-end class shares one running platform: starting it is most of the time.</summary>
[CollectionDefinition(Name)]
public sealed class RunningPlatformCollection : ICollectionFixture<RunningPlatform>
{
    public const string Name = "The running platform";
}

[Collection(RunningPlatformCollection.Name)]
public sealed class PlatformTests(RunningPlatform platform)
{
    private DistributedApplication App => platform.App;
    private OtlpReceiver Otlp => platform.Otlp;

    [Fact]
    public async Task A_registration_through_the_gateway_lands_an_email_and_one_trace_spans_every_hop()
    {
        var gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway") };
        var email = $"newcomer-{Guid.NewGuid():N}@example.com";
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/accounts")
        {
            Content = JsonContent.Create(new { email, password = "a long enough passphrase", firstName = "Nia", lastName = "Okafor" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await new Testing.MailDevClient(App.GetEndpoint("smtp", "http")).WaitForEmailToAsync(email, TimeSpan.FromSeconds(60));
        Assert.Contains("/api/identity/pages/verify-email?token=", received.Text);

        // Every consumer of the event got it, not just one of them.
        await Eventually.TrueAsync(() => HasRowAsync("membershipdb", "DirectoryUsers", email), "the user in membership's directory");
        await Eventually.TrueAsync(() => HasRowAsync("approvalsdb", "Approvers", email), "the user among approvals' approvers");

        var services = new[] { "gateway", "identity", "notifications" };
        var trace = await Eventually.GetAsync(() =>
        {
            var spans = Otlp.Spans.Where(s => s.TraceId == traceId).ToList();
            var complete = services.All(service => spans.Any(s => s.Service == service))
                && spans.Any(s => s.Service == "identity" && s.Scope == "MassTransit")
                && spans.Any(s => s.Service == "notifications" && s.Scope == "MassTransit");
            return Task.FromResult(complete ? spans : null);
        }, "spans of gateway, identity (publish) and notifications (consume) in one trace", TimeSpan.FromSeconds(30));

        Assert.Contains(trace, s => s.Service == "gateway" && s.Kind == 2); // the gateway's server span
        Assert.Contains(trace, s => s.Service == "identity" && s.Scope == "MassTransit" && s.Kind == 4); // producer: to RabbitMQ
        Assert.Contains(trace, s => s.Service == "notifications" && s.Scope == "MassTransit" && s.Kind == 5); // consumer: from RabbitMQ
    }

    private async Task<bool> HasRowAsync(string database, string table, string email)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"Email\" = @email", connection);
        command.Parameters.AddWithValue("email", email);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    [Fact]
    public async Task Every_resource_is_healthy_and_the_gateway_serves_the_api_reference()
    {
        var gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway") };

        foreach (var service in new[] { "identity", "membership", "notifications", "approvals" })
        {
            Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(new Uri(App.GetEndpoint(service), "/health"))).StatusCode);
            var document = await gateway.GetAsync($"/openapi/{service}.json");
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }

        var reference = await gateway.GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }
}
