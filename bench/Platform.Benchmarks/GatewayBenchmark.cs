using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Benchmarks;

/// <summary>
/// Scenario <c>gateway</c>: what the gateway adds to one authenticated <c>GET /api/identity/account</c>, side by side
/// with the two references the performance issue names, each driven by wrk in rounds that alternate the three paths:
/// straight to identity with an internal token (what the gateway would send), through nginx from Debian's package
/// (one proxy hop, the same internal token passed through), and through our gateway with the session cookie.
/// </summary>
public static partial class GatewayBenchmark
{
    private const int Rounds = 3;

    public static async Task RunAsync(BenchPlatform platform, BenchmarkOptions options)
    {
        var email = (await platform.CreateVerifiedUsersAsync(1))[0];
        var cookie = await platform.LogInForCookieAsync(email);
        var issuer = await InternalTokensOfAsync(platform);
        var identity = await CallerAsync(platform, cookie);
        var identityUrl = platform.App.GetEndpoint("identity", "http");
        await using var nginx = await Nginx.StartAsync(identityUrl);

        var paths = new (string Name, Func<(string Url, string Header)> Target)[]
        {
            ("straight to identity, internal token", () => (new Uri(identityUrl, "/account").ToString(), "Authorization: Bearer " + issuer.Issue(identity))),
            ("through nginx (one hop), internal token", () => (new Uri(nginx.Url, "/api/identity/account").ToString(), "Authorization: Bearer " + issuer.Issue(identity))),
            ("through the gateway, session cookie", () => (new Uri(platform.App.GetEndpoint("gateway"), "/api/identity/account").ToString(), "Cookie: " + cookie)),
        };

        var seconds = (int)options.GetDuration.TotalSeconds;
        var results = paths.ToDictionary(p => p.Name, _ => new List<(WrkResult One, WrkResult Sixteen)>());
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var (name, target) in paths)
            {
                Report.Progress($"round {round}/{Rounds}: {name}, 1 then 16 connections, {seconds} s each");
                var (url, header) = target();
                await Wrk.RunAsync(url, header, connections: 4, seconds: 2); // warm-up, unmeasured
                var one = await Wrk.RunAsync(url, header, connections: 1, seconds);
                (url, header) = target();
                var sixteen = await Wrk.RunAsync(url, header, connections: 16, seconds);
                results[name].Add((one, sixteen));
            }
        }

        var table = new MarkdownTable("path", "p50 ms, 1 client (each round)", "p99 ms, 1 client", "requests/s, 16 clients (each round)", "p99 ms, 16 clients", "non-2xx");
        foreach (var (name, _) in paths)
        {
            var runs = results[name];
            table.Add(name,
                string.Join(" / ", runs.Select(r => Fmt.Ms(r.One.P50Ms))),
                string.Join(" / ", runs.Select(r => Fmt.Ms(r.One.P99Ms))),
                string.Join(" / ", runs.Select(r => Fmt.Rate(r.Sixteen.PerSecond))),
                string.Join(" / ", runs.Select(r => Fmt.Ms(r.Sixteen.P99Ms))),
                $"{runs.Sum(r => r.One.Errors + r.Sixteen.Errors)}");
        }

        double Median(IEnumerable<double> values) => values.Order().ElementAt(Rounds / 2);
        var direct = results[paths[0].Name];
        var proxied = results[paths[1].Name];
        var gateway = results[paths[2].Name];
        var gatewayAdds = Median(gateway.Zip(direct, (g, d) => g.One.P50Ms - d.One.P50Ms));
        var nginxAdds = Median(proxied.Zip(direct, (n, d) => n.One.P50Ms - d.One.P50Ms));
        var throughput = Median(gateway.Zip(proxied, (g, n) => g.Sixteen.PerSecond / n.Sixteen.PerSecond));
        Report.Section("gateway: one authenticated GET, straight, through nginx and through the gateway", table,
            $"wrk, {Rounds} rounds alternating the paths, {seconds} s a run. Median over the rounds of what each hop adds to the p50 of a "
            + $"direct call: **gateway {Fmt.Ms(gatewayAdds)} ms** (goal at most 0.50), nginx {Fmt.Ms(nginxAdds)} ms. Gateway throughput at 16 "
            + $"clients over nginx's: **{Fmt.Ratio(throughput)}** (goal at least 1.00). Every process shares the machine's "
            + $"{Environment.ProcessorCount} cores with the servers, the other services and wrk.");
    }

    /// <summary>The internal tokens the gateway signs, with the key pair the AppHost keeps under its data folder.</summary>
    private static async Task<InternalTokenIssuer> InternalTokensOfAsync(BenchPlatform platform)
    {
        var key = await File.ReadAllTextAsync(Path.Combine(platform.DataDirectory, "internal-token", "signing-key.pem"));
        return new InternalTokenIssuer(Options.Create(new InternalTokenOptions { SigningKey = key }), TimeProvider.System);
    }

    /// <summary>Who the gateway vouches for on this cookie: the account and its session handle.</summary>
    private static async Task<InternalIdentity> CallerAsync(BenchPlatform platform, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
        request.Headers.Add("Cookie", cookie);
        using var response = await platform.Gateway.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var account = await response.Content.ReadFromJsonAsync<AccountId>() ?? throw new InvalidOperationException("no account");
        return new InternalIdentity(account.Id, SessionKeys.Handle(cookie[(cookie.IndexOf('=') + 1)..]));
    }

    private sealed record AccountId(Guid Id);

    private sealed record WrkResult(double PerSecond, double P50Ms, double P99Ms, long Errors);

    private static partial class Wrk
    {
        public static async Task<WrkResult> RunAsync(string url, string header, int connections, int seconds)
        {
            var output = await RunToEndAsync("wrk", "--latency", "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "-H", header, url);
            double Latency(string percentile) => Milliseconds(Regex.Match(output, $@"^\s+{percentile}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value);
            var errors = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var perSecond = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            return new WrkResult(perSecond, Latency("50"), Latency("99"), errors);
        }

        private static double Milliseconds(string value) => value switch
        {
            _ when value.EndsWith("us", StringComparison.Ordinal) => double.Parse(value[..^2], CultureInfo.InvariantCulture) / 1000,
            _ when value.EndsWith("ms", StringComparison.Ordinal) => double.Parse(value[..^2], CultureInfo.InvariantCulture),
            _ when value.EndsWith('s') => double.Parse(value[..^1], CultureInfo.InvariantCulture) * 1000,
            _ => throw new FormatException($"wrk latency '{value}'"),
        };

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
        private static partial Regex RequestsPerSecond();
    }

    private static async Task<string> RunToEndAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {error}{output}");
    }

    /// <summary>nginx from Debian's package, as one proxy hop to identity: a worker per core, keep-alive upstream.</summary>
    private sealed class Nginx : IAsyncDisposable
    {
        private readonly Process process;
        private readonly string folder;

        private Nginx(Process process, string folder, Uri url) => (this.process, this.folder, Url) = (process, folder, url);

        public Uri Url { get; }

        public static async Task<Nginx> StartAsync(Uri identity)
        {
            var folder = Directory.CreateTempSubdirectory("platform-bench-nginx-").FullName;
            var port = FreePort();
            await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
                daemon off;
                worker_processes auto;
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path {{folder}}/body; proxy_temp_path {{folder}}/proxy;
                  fastcgi_temp_path {{folder}}/fastcgi; uwsgi_temp_path {{folder}}/uwsgi; scgi_temp_path {{folder}}/scgi;
                  upstream identity { server {{identity.Host}}:{{identity.Port}}; keepalive 32; }
                  server {
                    listen 127.0.0.1:{{port}};
                    location /api/identity/ { proxy_pass http://identity/; proxy_http_version 1.1; proxy_set_header Connection ""; }
                  }
                }
                """);
            var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light");
            var process = Process.Start(new ProcessStartInfo(nginx, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")]))
                ?? throw new InvalidOperationException("nginx did not start");
            var url = new Uri($"http://127.0.0.1:{port}");
            using var client = new HttpClient();
            for (var i = 0; i < 50; i++)
            {
                try { using var _ = await client.GetAsync(url); return new Nginx(process, folder, url); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }

            throw new InvalidOperationException($"nginx did not answer; see {folder}/error.log");
        }

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
