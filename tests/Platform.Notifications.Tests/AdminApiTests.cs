using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Authentication;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>What platform administrators see: the delivery log and template previews.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class AdminApiTests(NotificationsServiceFixture service)
{
    private static readonly InternalIdentity PlatformAdmin = new(Guid.NewGuid(), PlatformAdmin: true);

    [Fact]
    public async Task A_sent_email_is_in_the_delivery_log_without_the_token_of_its_link()
    {
        var requested = VerificationRequested();
        await service.Bus.PublishAsync(requested, NewId.NextGuid());
        var email = await service.Mail.WaitForEmailToAsync(requested.Email);
        Assert.Contains(Link("verify-email", requested.Token), email.Text);

        var admin = service.Host.CreateClientAs(PlatformAdmin);
        var listed = await Eventually.GetValueAsync(async () =>
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/deliveries?recipient={requested.Email}");
            var items = page.GetProperty("items");
            return items.GetArrayLength() == 1 && items[0].GetProperty("state").GetString() == "sent" ? items[0] : (JsonElement?)null;
        }, "the delivery to be recorded as sent");
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/deliveries/{listed.GetProperty("id").GetString()}");

        Assert.Equal("verify-email", detail.GetProperty("template").GetString());
        Assert.Equal(1, detail.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("smtpMessageId").GetString()));
        var escapedToken = Uri.EscapeDataString(requested.Token);
        Assert.Contains(Link("verify-email", "") + "***", detail.GetProperty("textBody").GetString());
        Assert.DoesNotContain(escapedToken, detail.GetProperty("textBody").GetString());
        Assert.DoesNotContain(escapedToken, detail.GetProperty("htmlBody").GetString());

        // Not only hidden on display: the stored copy no longer holds the token either.
        var stored = await service.WithDbAsync(db => db.Deliveries.SingleAsync(d => d.Recipient == requested.Email));
        Assert.DoesNotContain(escapedToken, stored.TextBody + stored.HtmlBody);
    }

    [Fact]
    public async Task The_welcome_email_is_recorded_under_its_template()
    {
        var verified = new EmailVerified(Guid.NewGuid(), NewAddress(), DateTimeOffset.UtcNow);
        await service.Bus.PublishAsync(verified, NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(verified.Email);

        var page = await service.Host.CreateClientAs(PlatformAdmin).GetFromJsonAsync<JsonElement>($"/deliveries?recipient={verified.Email}");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("welcome", item.GetProperty("template").GetString());
        Assert.Equal("Welcome to Platform", item.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task The_template_list_names_every_template_with_its_locales()
    {
        var templates = await service.Host.CreateClientAs(PlatformAdmin).GetFromJsonAsync<JsonElement>("/templates");

        var names = templates.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("verify-email", names);
        Assert.Contains("email-change-notice", names);
        Assert.DoesNotContain("_layout", names);
        var verify = templates.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "verify-email");
        Assert.Equal(["de", "en"], verify.GetProperty("locales").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task A_preview_renders_a_template_with_sample_data_in_the_asked_locale()
    {
        var admin = service.Host.CreateClientAs(PlatformAdmin);

        var german = await admin.GetFromJsonAsync<JsonElement>("/templates/reset-password/preview?locale=de");
        var fallback = await admin.GetFromJsonAsync<JsonElement>("/templates/reset-password/preview?locale=fr");

        Assert.Equal("de", german.GetProperty("locale").GetString());
        Assert.Equal("Setzen Sie Ihr Passwort zurück", german.GetProperty("subject").GetString());
        Assert.Contains($"{NotificationsServiceFixture.PublicBaseUrl}/api/identity/pages/reset-password?token=sample-token", german.GetProperty("text").GetString());
        Assert.Contains("<html lang=\"de\">", german.GetProperty("html").GetString());
        Assert.Equal("en", fallback.GetProperty("locale").GetString());
        Assert.Equal("Reset your password", fallback.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Previewing_an_unknown_template_is_a_not_found_problem()
    {
        var response = await service.Host.CreateClientAs(PlatformAdmin).GetAsync("/templates/no-such-template/preview");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:platform:problem:not-found", problem.GetProperty("type").GetString());
        Assert.Contains("no-such-template", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/deliveries")]
    [InlineData("/templates")]
    [InlineData("/templates/verify-email/preview")]
    public async Task Deliveries_and_templates_are_for_platform_administrators_only(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Host.CreateClient().GetAsync(path)).StatusCode);
        var member = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Host.CreateClientAs(PlatformAdmin).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_page_larger_than_the_maximum_is_refused() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Host.CreateClientAs(PlatformAdmin).GetAsync("/deliveries?pageSize=1000")).StatusCode);

    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer()
    {
        var health = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("notificationsdb").GetString());

        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/deliveries", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/templates/{name}/preview", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/deliveries/{id}/resend", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/preferences", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/organizations/{organizationId}/webhooks/{id}/deliveries", out _));
    }
}
