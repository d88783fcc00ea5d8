using Microsoft.IdentityModel.Tokens;
using Platform.Identity.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

public static class OpenIdConnectExtensions
{
    /// <summary>
    /// The OpenID provider (OpenIddict) with its stores in identitydb. Endpoints live under /connect and
    /// /.well-known, which the gateway routes here unchanged; the issuer is the gateway's public origin.
    /// </summary>
    public static void AddOpenIdConnectProvider(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OpenIdConnectOptions.SectionName);
        builder.Services.Configure<OpenIdConnectOptions>(section);
        var options = section.Get<OpenIdConnectOptions>() ?? new OpenIdConnectOptions();
        // A development certificate lives in one machine's store: two replicas would sign with different keys and publish
        // only their own, and a new pod would forget every key. Outside development the keys must come from configuration.
        if (!builder.Environment.IsDevelopment() && (options.SigningKeys.Count == 0 || string.IsNullOrWhiteSpace(options.EncryptionKey)))
        {
            throw new InvalidOperationException(
                $"{OpenIdConnectOptions.SectionName}:SigningKeys:0 (an EC P-256 or RSA private key, PEM) and {OpenIdConnectOptions.SectionName}:EncryptionKey "
                + "(base64 of 32 random bytes) must be configured outside Development; the README's OpenID Connect section shows how to make them.");
        }


        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                if (options.Issuer is { } issuer) server.SetIssuer(issuer);

                // Code flow only (no implicit, no hybrid, no password grant); PKCE for every client, public or not.
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(OpenIdScopes.All);
                server.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.Locale,
                    Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference, Claims.AuthenticationTime, OpenIdClaims.Organizations);
                server.RegisterAudiences(OpenIdScopes.ApiAudience);

                // Resource servers validate the signed JWT themselves (the gateway does): no encryption.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(options.AccessTokenLifetime).SetRefreshTokenLifetime(options.RefreshTokenLifetime);
                // A refresh token is good once: presenting a redeemed one revokes every token of its authorization.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                if (options.SigningKeys.Count > 0)
                {
                    foreach (var pem in options.SigningKeys) server.AddSigningKey(OpenIdSigningKeys.FromPem(pem));
                }
                else
                {
                    server.AddDevelopmentSigningCertificate();
                }

                if (!string.IsNullOrWhiteSpace(options.EncryptionKey))
                {
                    server.AddEncryptionKey(new SymmetricSecurityKey(Convert.FromBase64String(options.EncryptionKey)));
                }
                else
                {
                    server.AddDevelopmentEncryptionCertificate();
                }

                server.AddEventHandler(AuditTokenRevocation.Descriptor);
                server.AddEventHandler(AuditTokenReuse.RememberSubject.Descriptor);
                server.AddEventHandler(AuditTokenReuse.Descriptor);

                // TLS ends at the gateway; the scheme and host it saw are applied by OpenIdRequestsFromGateway.
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddScoped<OpenIdClaims>();
        builder.Services.AddScoped<OpenIdClients>();
        builder.Services.AddScoped<AccessTokenStatus>();
        builder.Services.AddScoped<OpenIdConsents>();
        builder.Services.AddHostedService<OpenIdScopeRegistration>();
    }
}
