using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Xunit.Abstractions;
using static Platform.Notifications.Tests.Broadcasts;

namespace Platform.Notifications.Tests;

/// <summary>
/// The service as a process of its own, killed with SIGKILL in the middle of sending a broadcast and
/// started again on the same database, against a real SMTP sink (the AppHost's maildev) of its own.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Connections = 4;
    private readonly Platform.Testing.TestContext context = new();
    private AppHostInfrastructure servers = null!;
    private Dictionary<string, string?> settings = null!;

    public async Task InitializeAsync()
    {
        await context.InitializeAsync();
        servers = await AppHostInfrastructure.StartAsync();
        settings = context.ServiceSettings("notificationsdb", await context.CreateDatabaseAsync("notifications"));
        settings["ConnectionStrings:smtp"] = await servers.ConnectionStringAsync("smtp");
        // Production's settings: four connections, batches of fifty.
        settings["Email:Concurrency"] = Connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:BatchSize"] = "50";
    }

    [Fact]
    public async Task A_kill_in_the_middle_of_a_broadcast_repeats_at_most_one_email_per_SMTP_connection()
    {
        var members = Members(400);
        await using var bus = await TestBus.StartAsync(context.Servers.RabbitMq, context.MessagingPrefix);
        await using var first = await ServiceProcess.StartAsync("services/notifications", "Platform.Notifications", settings);
        await bus.PublishAsync(Posted(members, body: "Harvest moves to Tuesday."), NewId.NextGuid());

        await Eventually.TrueAsync(() => Task.FromResult(AcceptedSoFar() >= 40), "the broadcast to be under way", TimeSpan.FromSeconds(60));
        await first.KillAsync();
        var acceptedBeforeTheKill = AcceptedSoFar();
        await using var second = await ServiceProcess.StartAsync("services/notifications", "Platform.Notifications", settings);

        var wanted = members.Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var received = await Eventually.GetAsync(async () =>
        {
            var addresses = await RecipientsAsync(wanted);
            return addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count() == wanted.Count ? addresses : null;
        }, "every member's email after the restart", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2));
        received = await RecipientsAsync(wanted);

        var duplicates = received.Count - wanted.Count;
        output.WriteLine($"accepted before the kill: {acceptedBeforeTheKill}; emails received: {received.Count} for {wanted.Count} members; duplicates: {duplicates}");
        Assert.True(duplicates <= Connections, $"{duplicates} emails went twice; at most one per connection ({Connections}) may");
    }

    /// <summary>maildev writes each accepted email as a file, before it answers 250: cheap to count while it arrives.</summary>
    private int AcceptedSoFar()
    {
        var mail = Path.Combine(servers.DataDirectory, "mail");
        return Directory.Exists(mail) ? Directory.GetFiles(mail, "*.eml").Length : 0;
    }

    private async Task<List<string>> RecipientsAsync(HashSet<string> wanted)
    {
        using var http = new HttpClient();
        var all = await http.GetFromJsonAsync<JsonElement>(new Uri(servers.Inbox, "/api/email"));
        return all.EnumerateArray()
            .SelectMany(email => email.GetProperty("to").EnumerateArray().Select(to => to.GetProperty("address").GetString()!))
            .Where(wanted.Contains)
            .ToList();
    }

    public async Task DisposeAsync()
    {
        await servers.DisposeAsync();
        await context.DisposeAsync();
    }
}
