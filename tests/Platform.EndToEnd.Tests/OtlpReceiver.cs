using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.EndToEnd.Tests;

/// <summary>An OTLP/HTTP collector inside the test: every process of the topology exports its spans here.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentBag<OtlpSpan> spans;

    private OtlpReceiver(WebApplication app, ConcurrentBag<OtlpSpan> spans)
    {
        this.app = app;
        this.spans = spans;
    }

    public Uri Endpoint { get; private init; } = null!;
    public IReadOnlyCollection<OtlpSpan> Spans => spans;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var spans = new ConcurrentBag<OtlpSpan>();
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                foreach (var span in OtlpTraceParser.Parse(body.ToArray())) spans.Add(span);
                return Results.Bytes([], "application/x-protobuf");
            });
            app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        });
        return new OtlpReceiver(app, spans) { Endpoint = address };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
