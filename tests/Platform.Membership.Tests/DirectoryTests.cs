using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Tests;

public sealed class MembershipServiceFixture() : ServiceFixture<MembershipApi, MembershipDbContext>("membershipdb", "membership")
{
    /// <summary>
    /// No identity or approvals runs beside membership here: each is named at a port nothing listens on, so a
    /// test can see what membership answers when they are away (the gateway and end-to-end tests host them all).
    /// </summary>
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["services:identity:http:0"] = $"http://127.0.0.1:{ClosedPort()}";
        settings["services:approvals:http:0"] = $"http://127.0.0.1:{ClosedPort()}";
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class DirectoryTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    [Fact]
    public async Task A_registered_user_joins_the_directory_once_however_often_the_event_arrives()
    {
        var registered = new UserRegistered(Guid.NewGuid(), $"lin-{Guid.NewGuid():N}@example.com", "Lin", "Wei", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(registered, messageId);
        await service.Bus.PublishAsync(registered, messageId);
        await service.Bus.PublishAsync(registered, NewId.NextGuid());

        var caller = service.Host.CreateClientAs(new InternalIdentity(registered.UserId));
        var user = await Eventually.GetValueAsync(async () =>
        {
            var response = await caller.GetAsync($"/directory/users/{registered.UserId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, "the user in membership's directory");
        Assert.Equal(registered.Email, user.GetProperty("email").GetString());

        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Set<InboxRecord>().CountAsync()) >= 2,
            "both distinct messages to be handled");
        Assert.Equal(1, await service.WithDbAsync(db => db.Users.CountAsync(u => u.Id == registered.UserId)));
    }

    [Fact]
    public async Task The_directory_needs_the_gateway_token()
    {
        var client = service.Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-User-Id", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/directory/users/{Guid.NewGuid()}")).StatusCode);
        var caller = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await caller.GetAsync($"/directory/users/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_copy_follows_an_email_change_and_forgets_a_deleted_account()
    {
        var registered = new UserRegistered(Guid.NewGuid(), $"kim-{Guid.NewGuid():N}@example.com", "Kim", "Park", DateTimeOffset.UtcNow);
        var caller = service.Host.CreateClientAs(new InternalIdentity(registered.UserId));
        await service.Bus.PublishAsync(registered, NewId.NextGuid());
        await Eventually.TrueAsync(async () => (await caller.GetAsync($"/directory/users/{registered.UserId}")).IsSuccessStatusCode, "the copy");

        var moved = $"kim-new-{Guid.NewGuid():N}@example.com";
        await service.Bus.PublishAsync(new EmailChanged(registered.UserId, registered.Email, moved, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(async () =>
            (await caller.GetFromJsonAsync<JsonElement>($"/directory/users/{registered.UserId}")).GetProperty("email").GetString() == moved, "the new address");

        await service.Bus.PublishAsync(new UserDeleted(registered.UserId, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(async () =>
            (await caller.GetFromJsonAsync<JsonElement>($"/directory/users/{registered.UserId}")).GetProperty("email").GetString()!.EndsWith("@deleted.invalid"),
            "the copy to forget the person");
        var row = await caller.GetStringAsync($"/directory/users/{registered.UserId}");
        Assert.DoesNotContain("Kim", row);
        Assert.DoesNotContain("Park", row);
        Assert.DoesNotContain("kim-", row);
    }

    [Fact]
    public async Task The_last_login_moves_forward_only()
    {
        var registered = new UserRegistered(Guid.NewGuid(), $"lee-{Guid.NewGuid():N}@example.com", "Lee", "Chen", DateTimeOffset.UtcNow);
        await service.Bus.PublishAsync(registered, NewId.NextGuid());
        // Logins follow sign-up by seconds in practice; here the queues are separate, so wait for the copy.
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == registered.UserId)), "the copy");
        var later = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await service.Bus.PublishAsync(new UserLoggedIn(registered.UserId, later), NewId.NextGuid());
        await service.Bus.PublishAsync(new UserLoggedIn(registered.UserId, later.AddHours(-1)), NewId.NextGuid());

        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => r.Consumer == "UserLoggedInConsumer")) >= 2,
            "both logins to be handled");
        Assert.Equal(later, await service.WithDbAsync(db => db.Users.Where(u => u.Id == registered.UserId).Select(u => u.LastLoginAt).SingleAsync()));
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer()
    {
        var health = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("membershipdb").GetString());
        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/directory/users/{id}", out _));
    }
}
