using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Gateway.Sessions;
using Platform.ServiceDefaults.Redis;
using Platform.Approvals;
using Platform.Identity;
using Platform.Identity.Infrastructure;
using Platform.Membership;
using Platform.Notifications;
using Platform.ServiceDefaults.Sessions;
using ConnectionMultiplexer = StackExchange.Redis.ConnectionMultiplexer;

namespace Platform.Gateway.Tests;

/// <summary>
/// The topology the AppHost would start: four services, each on a real Kestrel port with its own
/// database, and the gateway finding them through service discovery. One instance is shared by
/// every test class in <see cref="GatewayCollection"/> (starting five hosts per class would cost
/// more than the tests); tests share no data, each registers its own users and sessions.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int MaxRequestBodyBytes = 4096;
    public const int ThrottledRequestsPerWindow = 5;
    // Long enough that a slow machine cannot roll the window over in the middle of a test.
    public static readonly TimeSpan ThrottledWindow = TimeSpan.FromMinutes(1);
    // The Development name of the session cookie (gateway/appsettings.Development.json).
    public const string SessionCookie = "platform-session";

    /// <summary>A front end on another host that the gateways trust with unsafe requests.</summary>
    public const string TrustedOrigin = "https://app.example";

    private readonly List<IAsyncDisposable> hosts = [];
    private ConnectionMultiplexer? redis;

    public Platform.Testing.TestContext Context { get; } = new();

    /// <summary>What reached identity from the gateway, for requests that carry a probe header.</summary>
    public ForwardedRequests ForwardedToIdentity { get; } = new();

    public WebApplicationFactory<IdentityApi> Identity { get; private set; } = null!;

    /// <summary>Each service by name: its own port (behind the gateway's back) and its services.</summary>
    public Dictionary<string, DirectService> Services { get; } = [];
    public Uri IdentityUrl { get; private set; } = null!;

    /// <summary>The gateway as deployed, with a rate limit no test reaches.</summary>
    public ServiceHost<GatewayEntry> Gateway { get; private set; } = null!;

    /// <summary>The same gateway with a rate limit a test can exhaust.</summary>
    public ServiceHost<GatewayEntry> ThrottledGateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Context.InitializeAsync();

        // Identity also records what reaches it, so tests can see what the gateway forwards.
        var identity = new ServiceHost<IdentityApi>(Context.ServiceSettings("identitydb", await Context.CreateDatabaseAsync("identity")));
        hosts.Add(identity);
        Identity = identity.WithWebHostBuilder(web => web
            // A derived factory does not pass UseKestrel(port) on to the host it builds: name the port here.
            .UseUrls("http://127.0.0.1:0")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordForwardedRequests(ForwardedToIdentity))));
        IdentityUrl = StartOnKestrel(Identity);
        Services["identity"] = new DirectService(IdentityUrl, Identity.Services);

        var membership = await StartServiceAsync<MembershipApi>("membershipdb", "membership");
        var notifications = await StartServiceAsync<NotificationsApi>("notificationsdb", "notifications");
        var approvals = await StartServiceAsync<ApprovalsApi>("approvalsdb", "approvals");

        var discovery = new Dictionary<string, Uri>
        {
            ["identity"] = IdentityUrl,
            ["membership"] = membership,
            ["notifications"] = notifications,
            ["approvals"] = approvals,
        };
        Gateway = StartGateway(discovery, requestsPerWindow: 100_000, TimeSpan.FromSeconds(10));
        ThrottledGateway = StartGateway(discovery, ThrottledRequestsPerWindow, ThrottledWindow);
        ClockedGateway = StartGateway(discovery, requestsPerWindow: 100_000, TimeSpan.FromSeconds(10), Clock);
        Mail = new MailDevClient(Context.Servers.MailDevApi);
    }

    /// <summary>The time of <see cref="ClockedGateway"/>, moved by tests that let sessions expire (each sets it to now first).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The gateway again, judging session expiry at <see cref="Clock"/>'s time.</summary>
    public ServiceHost<GatewayEntry> ClockedGateway { get; private set; } = null!;

    public MailDevClient Mail { get; private set; } = null!;

    /// <summary>A client of the gateway that sends exactly the cookies a test sets and shows every Set-Cookie.</summary>
    public HttpClient GatewayClient(ServiceHost<GatewayEntry>? gateway = null) =>
        (gateway ?? Gateway).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    /// <summary>Registers a new user through the gateway and returns the id identity gave it.</summary>
    public async Task<(Guid Id, string Email)> RegisterUserAsync(string name = "user")
    {
        var email = Registrations.UniqueEmail(name);
        var response = await GatewayClient().PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email));
        response.EnsureSuccessStatusCode();
        var id = await FindUserIdAsync(email) ?? throw new InvalidOperationException($"identity has no account for {email}");
        return (id, email);
    }

    public async Task<Guid?> FindUserIdAsync(string email)
    {
        await using var scope = Identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
    }

    /// <summary>
    /// Stores a session as identity does at login and returns the cookie value (the opaque id);
    /// Redis holds it only under the id's hash.
    /// </summary>
    public async Task<string> StoreSessionAsync(SessionRecord session, TimeSpan keyLifetime)
    {
        redis ??= await ConnectionMultiplexer.ConnectAsync(Context.Servers.Redis);
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = Context.RedisKeyPrefix + SessionKeys.Session(SessionKeys.Handle(sessionId));
        await redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(session, JsonSerializerOptions.Web), keyLifetime);
        return sessionId;
    }

    private async Task<Uri> StartServiceAsync<TEntry>(string databaseName, string name) where TEntry : class
    {
        var settings = Context.ServiceSettings(databaseName, await Context.CreateDatabaseAsync(name));
        // As the AppHost wires it: membership asks identity who a caller is when its copy lags.
        settings["services:identity:http:0"] = IdentityUrl.GetLeftPart(UriPartial.Authority);
        var host = new ServiceHost<TEntry>(settings);
        hosts.Add(host);
        var url = host.StartOnKestrel();
        Services[name] = new DirectService(url, host.Services);
        return url;
    }

    private ServiceHost<GatewayEntry> StartGateway(Dictionary<string, Uri> discovery, int requestsPerWindow, TimeSpan window, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = Context.Servers.Redis,
            ["Redis:KeyPrefix"] = Context.RedisKeyPrefix,
            ["InternalToken:SigningKey"] = TestKeys.PrivateKeyPem,
            ["InternalToken:PublicKey"] = TestKeys.PublicKeyPem,
            ["Gateway:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(),
            ["Gateway:TrustedOrigins:0"] = TrustedOrigin,
            ["Gateway:RequestsPerWindow"] = requestsPerWindow.ToString(),
            ["Gateway:RateLimitWindow"] = window.ToString(),
            // In-process requests have no client address: they all share one login partition.
            ["Gateway:LoginAttemptsPerWindow"] = requestsPerWindow.ToString(),
        };
        foreach (var (service, url) in discovery)
        {
            settings[$"services:{service}:http:0"] = url.GetLeftPart(UriPartial.Authority);
        }

        // Only session expiry reads the test clock; tokens keep real time, or services would refuse them.
        var gateway = new ServiceHost<GatewayEntry>(settings, clock is null ? null : services => services.AddSingleton(provider => new SessionResolver(
            provider.GetRequiredService<PlatformRedis>(), provider.GetRequiredService<IOptions<BrowserSessionOptions>>(), clock)));
        hosts.Add(gateway);
        gateway.CreateClient().Dispose();
        return gateway;
    }

    // ServiceHost.StartOnKestrel, for the identity host that WithWebHostBuilder derived from one.
    private static Uri StartOnKestrel<TEntry>(WebApplicationFactory<TEntry> factory) where TEntry : class
    {
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    public async Task DisposeAsync()
    {
        if (redis is not null) await redis.DisposeAsync();
        foreach (var host in Enumerable.Reverse(hosts))
        {
            await host.DisposeAsync();
        }

        await Context.DisposeAsync();
    }
}

/// <summary>A service's own address, as an attacker inside the network would call it, and its DI container.</summary>
public sealed record DirectService(Uri Url, IServiceProvider Provider);

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Gateway in front of the four services";
}
