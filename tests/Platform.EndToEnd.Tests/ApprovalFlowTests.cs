using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Issue 6's end-to-end test: a client app asks for approval through the gateway, the external approver
/// follows the emailed one-time link with a plain HTTP client and approves, the requester hears by email and
/// the organization's webhook receiver gets the signed decision.
/// </summary>
[Collection(RunningPlatformCollection.Name)]
public sealed partial class ApprovalFlowTests(RunningPlatform platform)
{
    [Fact]
    public async Task An_external_approver_approves_from_the_emailed_link_and_the_requester_and_the_webhook_hear_of_it()
    {
        var gateway = platform.App.GetEndpoint("gateway");
        var mail = new MailDevClient(platform.App.GetEndpoint("smtp", "http"));
        await using var receiver = await WebhookReceiver.StartAsync();

        // The requester runs an organization; its storefront is a client app holding the requester's token.
        var requester = await GatewayUser.SignUpAsync(gateway, mail, "Rhea");
        var created = await requester.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Corner Shop", slug = $"corner-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Notifications and approvals learn of the organization and its owner from membership's events.
        var lastAnswer = "";
        var secret = await Eventually.GetAsync(async () =>
        {
            var response = await requester.Http.PostAsJsonAsync($"/api/notifications/organizations/{organization}/webhooks",
                new { url = receiver.Url.ToString(), eventTypes = new[] { "approval.decided" }, description = "storefront" });
            lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString() : null;
        }, "notifications to let the owner register a webhook", TimeSpan.FromSeconds(60)).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(secret is not null, lastAnswer);
        var policy = new
        {
            steps = new[] { new { name = "Buyer's approval", source = "external-nominee", requiredApprovals = 1 } },
            externalDomains = new[] { "partner.example" },
            requesterMayNominate = true,
        };
        await Eventually.TrueAsync(async () =>
            (await requester.Http.PutAsJsonAsync($"/api/approvals/organizations/{organization}/policies/order", policy)).IsSuccessStatusCode,
            "approvals to let the owner set a policy", TimeSpan.FromSeconds(60));
        var token = await requester.Http.PostAsJsonAsync("/api/identity/account/tokens", 
            new { name = "storefront", scopes = new[] { "approvals.request" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        Assert.True(token.StatusCode == HttpStatusCode.Created, await token.Content.ReadAsStringAsync());
        var storefront = new HttpClient { BaseAddress = gateway };
        storefront.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());

        // A disallowed domain is refused at nomination; an allowed one gets the request.
        var title = $"Order {Random.Shared.Next(1000, 9999)} for the <b>buyer</b>";
        var refused = await storefront.PostAsJsonAsync($"/api/approvals/organizations/{organization}/requests",
            new { type = "order", title, amount = 1200m, currency = "EUR", externalNominee = "someone@elsewhere.example" });
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        var buyer = $"buyer-{Guid.NewGuid():N}@partner.example";
        using var create = new HttpRequestMessage(HttpMethod.Post, $"/api/approvals/organizations/{organization}/requests")
        {
            Content = JsonContent.Create(new
            {
                type = "order", title, summary = "Two crates of apples", amount = 1200m, currency = "EUR", externalNominee = buyer,
                subject = new { externalId = "1042", url = "https://shop.example/orders/1042" },
            }),
        };
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var request = await storefront.SendAsync(create);
        Assert.True(request.StatusCode == HttpStatusCode.Created, await request.Content.ReadAsStringAsync());
        var requestId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The buyer's email carries the one-time link; a plain HTTP client follows it.
        var email = await mail.WaitForEmailToAsync(buyer, TimeSpan.FromSeconds(60));
        var link = ExternalLink().Match(email.Text ?? "");
        Assert.True(link.Success, email.Text);
        Assert.DoesNotContain("<b>buyer</b>", email.Html); // the title arrives escaped
        var browser = new HttpClient { BaseAddress = gateway };
        var page = await browser.GetAsync(link.Value);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var form = await page.Content.ReadAsStringAsync();
        Assert.Contains("Order", form);
        Assert.DoesNotContain("<b>buyer</b>", form);
        var nonce = Nonce().Match(form).Groups["nonce"].Value;
        Assert.NotEmpty(nonce);

        var again = await browser.GetAsync(link.Value);
        Assert.NotEqual(HttpStatusCode.OK, again.StatusCode); // the link is used up by the first view

        var decided = await browser.PostAsync(link.Value, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["nonce"] = nonce, ["decision"] = "approve", ["comment"] = "Fine by us",
        }));
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var replay = await browser.PostAsync(link.Value, new FormUrlEncodedContent(new Dictionary<string, string> { ["nonce"] = nonce, ["decision"] = "reject" }));
        Assert.NotEqual(HttpStatusCode.OK, replay.StatusCode);

        // The client app polls the state; the requester's email and the signed webhook arrive.
        var state = await storefront.GetFromJsonAsync<JsonElement>($"/api/approvals/requests/{requestId}");
        Assert.Equal("approved", state.GetProperty("state").GetString());
        await Eventually.TrueAsync(async () => (await mail.ToAsync(requester.Email)).Any(e => e.Text?.Contains("approved", StringComparison.OrdinalIgnoreCase) == true
            && e.Text.Contains("Order", StringComparison.Ordinal)), "the requester's email about the decision", TimeSpan.FromSeconds(60));
        var webhook = await Eventually.GetAsync(() => Task.FromResult(receiver.Received.FirstOrDefault()), "the approval.decided webhook", TimeSpan.FromSeconds(60));
        var body = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal("approval.decided", body.GetProperty("type").GetString());
        Assert.Equal(requestId, body.GetProperty("data").GetProperty("requestId").GetGuid());
        Assert.Equal("approved", body.GetProperty("data").GetProperty("outcome").GetString());
        var key = Convert.FromBase64String(secret!["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        Assert.Contains(expected, webhook.Signature.Split(' '));
    }

    [GeneratedRegex(@"/api/approvals/external/[A-Za-z0-9_\-]+")]
    private static partial Regex ExternalLink();

    [GeneratedRegex("name=\"nonce\" value=\"(?<nonce>[^\"]+)\"")]
    private static partial Regex Nonce();
}
