using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Notifications.Tests;

/// <summary>
/// A client app's webhook endpoint: Kestrel on 127.0.0.1, recording every request and answering
/// with the status codes a test scripts per path (then its default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (ConcurrentQueue<int> Answers, int Otherwise)> scripts = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private WebApplication app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        receiver.app = builder.Build();
        receiver.app.MapPost("/hooks/{name}", (Delegate)receiver.ReceiveAsync);
        await receiver.app.StartAsync();
        receiver.BaseAddress = new Uri(receiver.app.Urls.First());
        return receiver;
    }

    /// <summary>A new path that answers <paramref name="answers"/> in turn, then <paramref name="otherwise"/>.</summary>
    public string NewEndpoint(int otherwise = 200, params int[] answers)
    {
        var path = $"/hooks/{Guid.NewGuid():N}";
        scripts[path] = (new ConcurrentQueue<int>(answers), otherwise);
        return new Uri(BaseAddress, path).ToString();
    }

    public IReadOnlyList<ReceivedWebhook> At(string url) => received.Where(r => r.Url == url).ToList();

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var url = new Uri(BaseAddress, context.Request.Path.Value).ToString();
        received.Enqueue(new ReceivedWebhook(
            url, context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(), context.Request.ContentType ?? "", body));
        var status = scripts.TryGetValue(context.Request.Path.Value!, out var script)
            ? script.Answers.TryDequeue(out var next) ? next : script.Otherwise
            : 404;
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Url, string Id, string Timestamp, string Signature, string ContentType, string Body)
{
    /// <summary>The receiver's check, written from the Standard Webhooks specification rather than from our signing code.</summary>
    public bool IsSignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return Signature.Split(' ').Any(signature => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)));
    }

    public bool IsFresh => long.TryParse(Timestamp, out var seconds)
        && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) < 300;
}
