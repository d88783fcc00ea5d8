using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Identity;
using Platform.Approvals.Infrastructure;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Tests;

public sealed class ApprovalsServiceFixture() : ServiceFixture<ApprovalsApi, ApprovalsDbContext>("approvalsdb", "approvals");

public sealed class ApproversTests(ApprovalsServiceFixture service) : IClassFixture<ApprovalsServiceFixture>
{
    [Fact]
    public async Task A_registered_user_becomes_a_known_approver_once_however_often_the_event_arrives()
    {
        var registered = new UserRegistered(Guid.NewGuid(), $"lin-{Guid.NewGuid():N}@example.com", "Lin", "Wei", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(registered, messageId);
        await service.Bus.PublishAsync(registered, messageId);
        await service.Bus.PublishAsync(registered, NewId.NextGuid());

        var caller = service.Host.CreateClientAs(new InternalIdentity(registered.UserId));
        var user = await Eventually.GetValueAsync(async () =>
        {
            var response = await caller.GetAsync($"/approvers/{registered.UserId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, "the user in approvals' list of people");
        Assert.Equal(registered.Email, user.GetProperty("email").GetString());

        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Set<InboxRecord>().CountAsync()) >= 2,
            "both distinct messages to be handled");
        Assert.Equal(1, await service.WithDbAsync(db => db.Approvers.CountAsync(a => a.UserId == registered.UserId)));
    }

    [Fact]
    public async Task Approvers_need_the_gateway_token()
    {
        var client = service.Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-User-Id", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/approvers/{Guid.NewGuid()}")).StatusCode);
        var caller = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await caller.GetAsync($"/approvers/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_copy_follows_an_email_change_and_forgets_a_deleted_account()
    {
        var registered = new UserRegistered(Guid.NewGuid(), $"kim-{Guid.NewGuid():N}@example.com", "Kim", "Park", DateTimeOffset.UtcNow);
        var caller = service.Host.CreateClientAs(new InternalIdentity(registered.UserId));
        await service.Bus.PublishAsync(registered, NewId.NextGuid());
        await Eventually.TrueAsync(async () => (await caller.GetAsync($"/approvers/{registered.UserId}")).IsSuccessStatusCode, "the copy");

        var moved = $"kim-new-{Guid.NewGuid():N}@example.com";
        await service.Bus.PublishAsync(new EmailChanged(registered.UserId, registered.Email, moved, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(async () =>
            (await caller.GetFromJsonAsync<JsonElement>($"/approvers/{registered.UserId}")).GetProperty("email").GetString() == moved, "the new address");

        await service.Bus.PublishAsync(new UserDeleted(registered.UserId, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(async () =>
            (await caller.GetFromJsonAsync<JsonElement>($"/approvers/{registered.UserId}")).GetProperty("email").GetString()!.EndsWith("@deleted.invalid"),
            "the copy to forget the person");
        var row = await caller.GetStringAsync($"/approvers/{registered.UserId}");
        Assert.DoesNotContain("Kim", row);
        Assert.DoesNotContain("Park", row);
        Assert.DoesNotContain("kim-", row);
    }

    [Fact]
    public async Task A_registration_that_arrives_after_a_state_change_still_fills_in_the_address()
    {
        var userId = Guid.NewGuid();
        var email = $"late-{Guid.NewGuid():N}@example.com";
        var caller = service.Host.CreateClientAs(new InternalIdentity(userId));
        await service.Bus.PublishAsync(new UserStateChanged(userId, "pending", "suspended", "admin", null, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(async () => (await caller.GetAsync($"/approvers/{userId}")).IsSuccessStatusCode, "the placeholder");

        await service.Bus.PublishAsync(new UserRegistered(userId, email, "Lat", "E", DateTimeOffset.UtcNow), NewId.NextGuid());

        await Eventually.TrueAsync(async () =>
            (await caller.GetFromJsonAsync<JsonElement>($"/approvers/{userId}")).GetProperty("email").GetString() == email, "the address");
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer()
    {
        var health = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("approvalsdb").GetString());
        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/approvers/{userId}", out _));
    }
}
