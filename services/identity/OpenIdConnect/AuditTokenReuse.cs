using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// Records in identity's audit log an authorization code or refresh token presented a second time: a sign that it
/// was stolen. OpenIddict has then revoked every token of its authorization and answers <c>invalid_grant</c> with an
/// error URI naming the reason (ID2010 for a code, ID2012 for a refresh token); <see cref="RememberSubject"/> kept
/// whose token it was while OpenIddict read it.
/// </summary>
public sealed class AuditTokenReuse(AuditTrail audit, IdentityDbContext db) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    private const string SubjectProperty = ".platform_presented_token_subject";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseScopedHandler<AuditTokenReuse>()
        .SetOrder(int.MinValue + 200_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var what = context.Response.ErrorUri switch
        {
            { } uri when uri.EndsWith("ID2010", StringComparison.Ordinal) => "authorization code",
            { } uri when uri.EndsWith("ID2012", StringComparison.Ordinal) => "refresh token",
            _ => null,
        };
        if (what is null) return;

        Guid? userId = context.Transaction.GetProperty<string>(SubjectProperty) is { } subject && Guid.TryParse(subject, out var id) ? id : null;
        // The user is whose token it was, not who presented it again.
        audit.Record(AuditActions.OpenIdTokenReused, null, userId,
            $"client {context.Request?.ClientId} presented a redeemed {what}; every token of its authorization is revoked");
        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>Keeps the subject of the token being read, for <see cref="AuditTokenReuse"/> should OpenIddict reject it as reused.</summary>
    public sealed class RememberSubject : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RememberSubject>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal?.GetClaim(Claims.Subject) is { } subject) context.Transaction.SetProperty(SubjectProperty, subject);
            return ValueTask.CompletedTask;
        }
    }
}
