using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Testing;

/// <summary>Reads what the SMTP sink received, over maildev's REST API.</summary>
public sealed class MailDevClient(Uri api)
{
    private static readonly HttpClient Http = new();

    public async Task<IReadOnlyList<ReceivedEmail>> ToAsync(string recipient)
    {
        // maildev 3 serves /api/email; the 2.x container image serves /email.
        using var response = await Http.GetAsync(new Uri(api, "/api/email"));
        using var listing = response.StatusCode == System.Net.HttpStatusCode.NotFound ? await Http.GetAsync(new Uri(api, "/email")) : null;
        var all = await (listing ?? response).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<ReceivedEmail>>(JsonSerializerOptions.Web) ?? [];
        return all.Where(email => email.To.Any(to => string.Equals(to.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public Task<ReceivedEmail> WaitForEmailToAsync(string recipient, TimeSpan? timeout = null) =>
        Eventually.GetAsync(async () => (await ToAsync(recipient)).FirstOrDefault(), $"an email to {recipient}", timeout);
}

public sealed record ReceivedEmail(
    string Id,
    string Subject,
    List<MailAddressee> To,
    string? Html,
    string? Text,
    [property: JsonPropertyName("messageId")] string? MessageId);

public sealed record MailAddressee(string Address, string? Name);
