using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Identity.OpenIdConnect;

/// <summary>Records a token a client revoked at <c>/connect/revoke</c> in identity's audit log, once OpenIddict has revoked it.</summary>
public sealed class AuditTokenRevocation(AuditTrail audit, IdentityDbContext db) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<AuditTokenRevocation>()
        // After RevokeToken, which rejects the request (and so ends it before this) when the token could not be revoked.
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        var token = context.GenericTokenPrincipal;
        var client = context.Request.ClientId;
        Guid? userId = token?.GetClaim(Claims.Subject) is { } subject && subject != client && Guid.TryParse(subject, out var id) ? id : null;
        audit.Record(AuditActions.OpenIdTokenRevoked, userId, userId, $"client {client} {token?.GetTokenType()}");
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
