using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Testing;

/// <summary>
/// A service (or the gateway) in this test process, configured like the AppHost would, against
/// the real servers. <see cref="StartOnKestrel"/> gives it a real port, for the gateway to reach.
/// </summary>
public sealed class ServiceHost<TEntryPoint>(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>
    /// A service answers nothing without the gateway's internal token, so its clients send the anonymous
    /// one unless the test authenticates (<see cref="CreateClientAs"/>, or its own Authorization header).
    /// The gateway (the host holding the signing key) is called as a client would: without one.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (!IsGateway) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.AnonymousToken());
    }

    private bool IsGateway => settings.ContainsKey($"{InternalTokenOptions.SectionName}:SigningKey");

    /// <summary>Starts on a real loopback port and returns its base address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    /// <summary>A client that calls as <paramref name="identity"/>, with a token the gateway would have minted.</summary>
    public HttpClient CreateClientAs(InternalIdentity identity)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.TokenFor(identity));
        return client;
    }
}
