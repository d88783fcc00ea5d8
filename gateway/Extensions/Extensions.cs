using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Gateway.BrowserConsole;
using Platform.Gateway.Proxy;
using Platform.Gateway.Security;
using Platform.Gateway.Sessions;
using Platform.Gateway.Tokens;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Sessions;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    public static void AddGatewayServices(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GatewayOptions.SectionName);
        builder.Services.Configure<GatewayOptions>(section);
        var options = section.Get<GatewayOptions>() ?? new GatewayOptions();

        builder.Services.Configure<ConsoleOptions>(builder.Configuration.GetSection(ConsoleOptions.SectionName));
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<InternalTokenOptions>(builder.Configuration.GetSection(InternalTokenOptions.SectionName));
        builder.Services.Configure<BrowserSessionOptions>(builder.Configuration.GetSection(BrowserSessionOptions.SectionName));
        builder.Services.AddSingleton<InternalTokenIssuer>();
        builder.AddPlatformRedis();
        builder.Services.AddSingleton<SessionResolver>();
        builder.Services.AddClientRateLimiting(options);

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms<InternalIdentityTransform>()
            .AddTransforms<OpenIdRoutes>();
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        builder.Services.AddHttpClient();
        builder.Services.AddHttpClient(ApiTokenResolver.IdentityClient, http => http.BaseAddress = new Uri("http://identity"));
        builder.Services.AddSingleton<ApiTokenResolver>();
        builder.Services.AddSingleton<OpenIdSigningKeySet>();
        builder.Services.AddSingleton<OpenIdAccessTokenResolver>();
        builder.Services.AddSingleton<BrowserAppOrigins>();
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<InternalPathsMiddleware>();
        app.UseMiddleware<BrowserAppsCorsMiddleware>();
        app.UseMiddleware<CrossOriginRequestsMiddleware>();
        app.UseMiddleware<SessionMiddleware>();
        return app;
    }
}
