using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// RP-initiated logout: ends the platform session (the client's tokens stay until they expire or are revoked), then
/// OpenIddict sends the browser to the client's registered post-logout address, or to a plain "logged out" page.
/// </summary>
public static class EndSessionEndpoint
{
    public const string LoggedOutPage = "/connect/logged-out";

    public static async Task<IResult> EndSession(
        HttpContext context, SessionStore sessions, SessionCookie cookie, AuditTrail audit, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.ImpersonatorId() is null
            && context.User.FindFirst(InternalClaims.SessionId)?.Value is { } handle)
        {
            var userId = context.User.UserId();
            await sessions.EndAsync(userId, handle);
            cookie.Clear(context.Response);
            var client = context.GetOpenIddictServerRequest()?.ClientId;
            audit.Record(AuditActions.LoggedOut, userId, userId, client is null ? "by a client app" : $"by client {client}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = LoggedOutPage }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
