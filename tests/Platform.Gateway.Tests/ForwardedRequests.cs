using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Platform.Gateway.Tests;

/// <summary>
/// The headers a service received on requests marked with <see cref="ProbeHeader"/>, so a test can
/// see what the gateway forwarded (or that nothing arrived at all).
/// </summary>
public sealed class ForwardedRequests
{
    public const string ProbeHeader = "X-Test-Probe";

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> received = new();

    public static string NewProbe() => Guid.NewGuid().ToString("N");

    /// <summary>The headers of the request that carried <paramref name="probe"/>, or null if none arrived.</summary>
    public IReadOnlyDictionary<string, string>? HeadersOf(string probe) => received.GetValueOrDefault(probe);

    /// <summary>
    /// Asserts that the request carried the gateway's anonymous token (signed by the gateway, no subject)
    /// and nothing a caller sent in its place.
    /// </summary>
    public static void AssertForwardedAnonymously(IReadOnlyDictionary<string, string> headers)
    {
        Assert.True(headers.TryGetValue("Authorization", out var authorization), "identity received no Authorization header");
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(authorization["Bearer ".Length..]);
        Assert.False(token.TryGetClaim(Platform.ServiceDefaults.Authentication.InternalClaims.Subject, out _), $"the forwarded token names a subject: {token.Subject}");
        Assert.Equal("platform-gateway", token.Issuer);
    }

    internal void Record(string probe, IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> headers) =>
        received[probe] = headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>Runs ahead of the service's own pipeline, so it sees requests its authentication refuses.</summary>
internal sealed class RecordForwardedRequests(ForwardedRequests record) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(ForwardedRequests.ProbeHeader, out var probe))
            {
                record.Record(probe.ToString(), context.Request.Headers);
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
