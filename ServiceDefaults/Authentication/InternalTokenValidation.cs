using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Authentication;

public static class InternalTokenValidation
{
    public const string PlatformAdminPolicy = "platform-admin";
    /// <summary>Only the gateway's own calls (<see cref="InternalIdentity.Gateway"/>), never a caller it forwards.</summary>
    public const string GatewayPolicy = "gateway";

    /// <summary>
    /// JwtBearer that accepts only ES256 tokens from the gateway's key, with our issuer and audience.
    /// Everything is denied unless an endpoint says otherwise (fallback policy: authenticated).
    /// </summary>
    public static void AddInternalTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(InternalTokenOptions.SectionName);
        services.Configure<InternalTokenOptions>(section);
        var options = section.Get<InternalTokenOptions>() ?? new InternalTokenOptions();
        if (string.IsNullOrWhiteSpace(options.PublicKey))
        {
            throw new InvalidOperationException($"{InternalTokenOptions.SectionName}:PublicKey is not configured (the gateway's EC P-256 public key, PEM).");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(options.PublicKey);
        var signatures = new ValidatedTokenCache(TimeProvider.System);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = new ECDsaSecurityKey(key),
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(5),
                    NameClaimType = InternalClaims.Subject,
                    SignatureValidator = signatures.Validate,
                };
                jwt.Events = new JwtBearerEvents { OnTokenValidated = AnonymousInternalToken.KeepCallerAnonymous };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformAdminPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(InternalClaims.PlatformAdmin, "true"))
            .AddPolicy(GatewayPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(InternalClaims.Subject, InternalIdentity.GatewayServiceId.ToString())
                .RequireClaim(InternalClaims.ClientId, InternalIdentity.GatewayClientId));
        // Requests made with an API token reach only endpoints that declare one of its scopes.
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
    }
}
