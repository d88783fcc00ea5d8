using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Authentication;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

[Collection(SharedServiceCollection.Name)]
public sealed class RecipientLimitEmailTests(NotificationsServiceFixture service)
{
    [Fact]
    public async Task Past_five_verification_emails_an_hour_the_rest_are_recorded_as_throttled_and_never_sent()
    {
        var address = NewAddress();
        // Published together: the limit must hold while the consumer handles them concurrently.
        await Task.WhenAll(Enumerable.Range(0, 7).Select(_ =>
            service.Bus.PublishAsync(VerificationRequested() with { Email = address }, NewId.NextGuid())));

        var admin = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));
        var counts = await Eventually.GetValueAsync(async () =>
        {
            var c = await admin.GetFromJsonAsync<JsonElement>($"/deliveries/counts?recipient={address}");
            return c.GetProperty("sent").GetInt32() + c.GetProperty("throttled").GetInt32() == 7 ? c : (JsonElement?)null;
        }, "all seven to be sent or throttled");

        Assert.Equal(5, counts.GetProperty("sent").GetInt32());
        Assert.Equal(2, counts.GetProperty("throttled").GetInt32());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(5, (await service.Mail.ToAsync(address)).Count);

        var throttled = await admin.GetFromJsonAsync<JsonElement>($"/deliveries?recipient={address}&state=throttled");
        Assert.All(throttled.GetProperty("items").EnumerateArray(), item =>
        {
            Assert.Equal(0, item.GetProperty("attempts").GetInt32());
            Assert.Contains("limit of 5 verify-email emails", item.GetProperty("lastError").GetString());
        });
    }

    [Fact]
    public async Task The_limit_is_per_template_so_a_reset_still_arrives()
    {
        var address = NewAddress();
        for (var i = 0; i < 6; i++)
        {
            await service.Bus.PublishAsync(VerificationRequested() with { Email = address }, NewId.NextGuid());
        }

        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Recipient == address)) == 6,
            "the six verification emails to be recorded");
        var reset = new Platform.Contracts.Identity.PasswordResetRequested(Guid.NewGuid(), address, "Grace", NewToken(), InAnHour);
        await service.Bus.PublishAsync(reset, NewId.NextGuid());

        await service.Mail.WaitForLinkAsync(address, "/api/identity/pages/reset-password");
    }
}
