using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Tests;

public sealed class UserRegisteredEmailTests(NotificationsServiceFixture service) : IClassFixture<NotificationsServiceFixture>
{
    private static readonly InternalIdentity PlatformAdmin = new(Guid.NewGuid(), PlatformAdmin: true);

    [Fact]
    public async Task A_registration_sends_a_welcome_email_and_records_the_delivery()
    {
        var registered = NewRegistration();
        await service.Bus.PublishAsync(registered, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(registered.Email);
        Assert.Equal("Welcome to Platform", email.Subject);
        Assert.Contains("Grace", email.Text);

        var admin = service.Host.CreateClientAs(PlatformAdmin);
        var page = await Eventually.GetValueAsync(async () =>
        {
            var listed = await admin.GetFromJsonAsync<JsonElement>($"/deliveries?recipient={registered.Email}");
            var items = listed.GetProperty("items");
            return items.GetArrayLength() == 1 && items[0].GetProperty("state").GetString() == "sent" ? items[0] : (JsonElement?)null;
        }, "the delivery to be recorded as sent");
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/deliveries/{page.GetProperty("id").GetString()}");
        Assert.Equal("welcome", detail.GetProperty("template").GetString());
        Assert.Equal(1, detail.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("smtpMessageId").GetString()));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_sends_one_email()
    {
        var registered = NewRegistration();
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(registered, messageId);
        await service.Bus.PublishAsync(registered, messageId);

        await service.Mail.WaitForEmailToAsync(registered.Email);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await service.Mail.ToAsync(registered.Email));
        Assert.Equal(1, await service.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Recipient == registered.Email)));
    }

    [Fact]
    public async Task A_name_with_markup_arrives_escaped_in_the_html_part()
    {
        var registered = NewRegistration() with { FirstName = "<script>alert(1)</script>" };
        await service.Bus.PublishAsync(registered, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(registered.Email);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;", email.Html);
    }

    [Fact]
    public async Task Deliveries_are_for_platform_administrators_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Host.CreateClient().GetAsync("/deliveries")).StatusCode);
        var member = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Host.CreateClientAs(PlatformAdmin).GetAsync("/deliveries?pageSize=1000")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer()
    {
        var health = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("notificationsdb").GetString());

        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/deliveries", out _));
    }

    internal static UserRegistered NewRegistration() =>
        new(Guid.NewGuid(), $"grace-{Guid.NewGuid():N}@example.com", "Grace", "Hopper", DateTimeOffset.UtcNow);
}
