using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;
using static Platform.Drills.Tests.SignUps;

namespace Platform.Drills.Tests;

/// <summary>A service dies, or the broker goes away, while people are signing up and being invited.</summary>
[Collection(DrillCollection.Name)]
public sealed class ServiceDrills(DrillPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Identity_killed_during_sign_ups_loses_none_and_doubles_none()
    {
        var addresses = Addresses("identity-kill", 80);
        var signingUp = SignUpAllAsync(platform.Gateway, addresses, retryFor: TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(async () => (await AccountsAsync(addresses)).Count >= 15, "sign-ups to be under way", TimeSpan.FromSeconds(60));

        await platform.KillAsync("identity");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await platform.StartAsync("identity");

        var answers = await signingUp;
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer));
        var accounts = await AccountsAsync(addresses);
        var counts = await platform.Mail.WaitForEachAsync(addresses, TimeSpan.FromSeconds(120));
        output.WriteLine($"identity killed during {addresses.Count} sign-ups: {accounts.Count} accounts, {accounts.Values.Count(n => n > 1)} doubled, "
            + $"{counts.Count(c => c == 0)} without an email");
        Assert.Equal(addresses.Count, accounts.Count);
        Assert.All(accounts.Values, n => Assert.Equal(1, n));
        Assert.All(counts, c => Assert.True(c >= 1));
    }

    [Fact]
    public async Task RabbitMQ_stopped_for_30_seconds_during_500_invitations_loses_none()
    {
        var owner = await GatewayUser.SignUpAsync(platform.Gateway, platform.MailApi, "Olga");
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Drill Co-op", slug = $"drill-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var invitees = Addresses("invitee", 500);
        var requests = invitees.Chunk(10).ToList();

        Task? outage = null;
        for (var i = 0; i < requests.Count; i++)
        {
            if (i == 5)
            {
                outage = StopRabbitMqForAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            var invited = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/invitations", new { emails = requests[i], rank = "member" });
            Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        }

        await outage!;
        var counts = await platform.Mail.WaitForEachAsync(invitees, TimeSpan.FromSeconds(120));
        output.WriteLine($"RabbitMQ down 30 s during {invitees.Count} invitations: {counts.Count(c => c > 0)} invitation emails arrived, "
            + $"{counts.Sum() - counts.Count(c => c > 0)} duplicates");
        Assert.All(counts, c => Assert.True(c >= 1));
    }

    private async Task StopRabbitMqForAsync(TimeSpan outage)
    {
        await platform.StopAsync("rabbitmq");
        await Task.Delay(outage);
        await platform.StartAsync("rabbitmq");
    }

    private async Task<Dictionary<string, int>> AccountsAsync(IReadOnlyList<string> addresses)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString("identitydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Email", count(*) FROM "Users" WHERE "Email" = ANY($1) GROUP BY "Email" """, connection)
        {
            Parameters = { new() { Value = addresses.ToArray() } },
        };
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        return counts;
    }
}
