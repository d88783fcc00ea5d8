using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Benchmarks;

/// <summary>
/// Scenario <c>tokens</c>: what a service spends checking the gateway's internal token, in process and on one thread,
/// with the parameters the services use: every request verified in full (the reference), against the services' cache of
/// tokens already verified (the gateway sends a session the same token for half its lifetime). Alternating slices.
/// </summary>
public static class InternalTokenBenchmark
{
    private const int Rounds = 4;
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(2);

    public static async Task RunAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new InternalTokenOptions { SigningKey = key.ExportPkcs8PrivateKeyPem(), PublicKey = key.ExportSubjectPublicKeyInfoPem() };
        var token = new InternalTokenIssuer(Options.Create(options), TimeProvider.System).Issue(new InternalIdentity(Guid.CreateVersion7(), "session-handle"));
        var handler = new JsonWebTokenHandler();
        var reference = Parameters(key, options, null);
        var cached = Parameters(key, options, new ValidatedTokenCache(TimeProvider.System).Validate);

        var full = new List<double>();
        var remembered = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            full.Add(await PerSecondAsync(handler, token, reference));
            remembered.Add(await PerSecondAsync(handler, token, cached));
        }

        var table = new MarkdownTable("check", "validations per second, one thread (each round)", "median", "µs each");
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        table.Add("ES256 verified every time (the reference)", string.Join(" / ", full.Select(Fmt.Rate)), Fmt.Rate(Median(full)), Fmt.Ms(1e6 / Median(full)));
        table.Add("verified once, then remembered (the services)", string.Join(" / ", remembered.Select(Fmt.Rate)), Fmt.Rate(Median(remembered)),
            Fmt.Ms(1e6 / Median(remembered)));
        Report.Section("tokens: a service's check of the internal token", table,
            $"JsonWebTokenHandler.ValidateTokenAsync with the services' TokenValidationParameters (issuer, audience, ES256 key, lifetime), "
            + $"{Rounds} alternating rounds of {Slice.TotalSeconds:0} s on one thread. The remembered check still validates issuer, audience and "
            + $"lifetime; it skips the signature: **{Fmt.Ratio(Median(remembered) / Median(full))} times** as many checks per second.");
    }

    private static TokenValidationParameters Parameters(ECDsa key, InternalTokenOptions options, SignatureValidator? validator) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = new ECDsaSecurityKey(key),
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(5),
        SignatureValidator = validator,
    };

    private static async Task<double> PerSecondAsync(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
    {
        for (var i = 0; i < 200; i++) await handler.ValidateTokenAsync(token, parameters);
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Slice)
        {
            if (!(await handler.ValidateTokenAsync(token, parameters)).IsValid) throw new InvalidOperationException("the token did not validate");
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
