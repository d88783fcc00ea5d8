using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Platform.Deployment.Tests;

/// <summary>
/// A service published with deploy/docker/publish.sh, exactly as its image carries it, once per test
/// run (publishes run one at a time: they share the ServiceDefaults build).
/// </summary>
public sealed record PublishedService(string Name, string Project)
{
    public static readonly PublishedService Gateway = new("gateway", "gateway/Platform.Gateway.csproj");
    public static readonly PublishedService Identity = new("identity", "services/identity/Platform.Identity.csproj");
    public static readonly PublishedService Membership = new("membership", "services/membership/Platform.Membership.csproj");
    public static readonly PublishedService Notifications = new("notifications", "services/notifications/Platform.Notifications.csproj");
    public static readonly PublishedService Approvals = new("approvals", "services/approvals/Platform.Approvals.csproj");

    public static PublishedService Named(string name) =>
        new[] { Gateway, Identity, Membership, Notifications, Approvals }.Single(s => s.Name == name);

    private static readonly string Root = Directory.CreateTempSubdirectory("platform-publish-").FullName;
    private static readonly SemaphoreSlim OneAtATime = new(1);
    private static readonly string OpenIdSigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Published = new();

    /// <summary>The folder the image's /app would hold; its entry point is <c>service</c>.</summary>
    public Task<string> PublishAsync() =>
        Published.GetOrAdd(Name, _ => new Lazy<Task<string>>(PublishOnceAsync)).Value;

    /// <summary>The environment a pod of this service gets, pointed at a test context's servers.</summary>
    public static Dictionary<string, string> EnvironmentFor(TestContext context, string databaseName, string databaseConnectionString)
    {
        var environment = context.ServiceSettings(databaseName, databaseConnectionString)
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__"), setting => setting.Value!);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Email__UnsubscribeKey"] = "a-test-only-unsubscribe-key-of-32-characters-or-more";
        // Identity's OpenID provider keys, which production must configure (the deployment README's identity-secrets).
        environment["OpenIdConnect__SigningKeys__0"] = OpenIdSigningKey;
        environment["OpenIdConnect__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return environment;
    }

    private async Task<string> PublishOnceAsync()
    {
        var output = Path.Combine(Root, Name);
        await OneAtATime.WaitAsync();
        try
        {
            await CommandLine.SucceedAsync("sh", ["deploy/docker/publish.sh", Project, output], timeout: TimeSpan.FromMinutes(8));
        }
        finally
        {
            OneAtATime.Release();
        }

        return output;
    }
}
