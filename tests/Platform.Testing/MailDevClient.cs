using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Testing;

/// <summary>Reads what the SMTP sink received, over maildev's REST API.</summary>
public sealed class MailDevClient(Uri api)
{
    private static readonly HttpClient Http = new();

    public async Task<IReadOnlyList<ReceivedEmail>> ToAsync(string recipient) =>
        (await AllAsync()).Where(email => email.To.Any(to => string.Equals(to.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Every email the sink holds.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> AllAsync()
    {
        // maildev 3 serves /api/email; the 2.x container image serves /email.
        using var response = await Http.GetAsync(new Uri(api, "/api/email"));
        using var listing = response.StatusCode == System.Net.HttpStatusCode.NotFound ? await Http.GetAsync(new Uri(api, "/email")) : null;
        return await (listing ?? response).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<ReceivedEmail>>(JsonSerializerOptions.Web) ?? [];
    }

    public Task<ReceivedEmail> WaitForEmailToAsync(string recipient, TimeSpan? timeout = null) =>
        Eventually.GetAsync(async () => (await ToAsync(recipient)).FirstOrDefault(), $"an email to {recipient}", timeout);

    /// <summary>The first email to <paramref name="recipient"/> whose text part links to <paramref name="linkPath"/>.</summary>
    public Task<EmailLink> WaitForLinkAsync(string recipient, string linkPath, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            async () => (await ToAsync(recipient)).Select(email => EmailLink.Find(email, linkPath)).FirstOrDefault(link => link is not null),
            $"an email to {recipient} linking to {linkPath}", timeout);
}

/// <summary>A link with a token, as found in an email: the gateway path and the secret.</summary>
public sealed record EmailLink(ReceivedEmail Email, string Path, string Token)
{
    public string PathAndQuery => $"{Path}?token={Token}";

    public static EmailLink? Find(ReceivedEmail email, string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            email.Text ?? "", $@"{System.Text.RegularExpressions.Regex.Escape(path)}\?token=(?<token>[A-Za-z0-9_\-%]+)");
        return match.Success ? new EmailLink(email, path, Uri.UnescapeDataString(match.Groups["token"].Value)) : null;
    }
}

public sealed record ReceivedEmail(
    string Id,
    string Subject,
    List<MailAddressee> To,
    string? Html,
    string? Text,
    [property: JsonPropertyName("messageId")] string? MessageId,
    /// <summary>When maildev accepted it.</summary>
    DateTimeOffset? Time = null);

public sealed record MailAddressee(string Address, string? Name);
