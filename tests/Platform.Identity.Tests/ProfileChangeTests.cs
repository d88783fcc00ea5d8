using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Tests;

/// <summary>A new name reaches every copy of it: identity publishes UserProfileChanged with the rename, in its transaction.</summary>
public sealed class ProfileChangeTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task Renaming_my_account_publishes_UserProfileChanged_with_the_new_name()
    {
        await using var published = await EventCollector<UserProfileChanged>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var user = await service.AdminClient().CreateUserAsync();

        var renamed = await service.Host.CreateClientAs(new InternalIdentity(user.Id()))
            .PutAsJsonAsync("/account", new { firstName = "Augusta", lastName = "King" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var message = (await published.WaitForAsync(e => e.UserId == user.Id())).Message;
        Assert.Equal(("Augusta", "King"), (message.FirstName, message.LastName));
    }

    [Fact]
    public async Task An_administrator_renaming_a_user_publishes_UserProfileChanged_with_the_new_name()
    {
        await using var published = await EventCollector<UserProfileChanged>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();

        var edited = await admin.PutAsJsonAsync($"/admin/users/{user.Id()}", new { firstName = "Amazing", lastName = "Grace", email = user.Email() });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var message = (await published.WaitForAsync(e => e.UserId == user.Id())).Message;
        Assert.Equal(("Amazing", "Grace"), (message.FirstName, message.LastName));
    }

    [Fact]
    public async Task Saving_the_same_name_publishes_nothing()
    {
        await using var published = await EventCollector<UserProfileChanged>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var user = await service.AdminClient().CreateUserAsync(firstName: "Grace", lastName: "Hopper");
        var client = service.Host.CreateClientAs(new InternalIdentity(user.Id()));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/account", new { firstName = "Grace", lastName = "Hopper" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/account", new { firstName = "Grace", lastName = "Brewster" })).StatusCode);

        // The rename is published; the unchanged save before it was not.
        await published.WaitForAsync(e => e.UserId == user.Id() && e.LastName == "Brewster");
        Assert.Equal(0, published.Count(e => e.UserId == user.Id() && e.LastName == "Hopper"));
    }
}
