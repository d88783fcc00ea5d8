using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http.Extensions;
using OpenIddict.Abstractions;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Sessions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// The authorization endpoint (OpenIddict has validated the client, redirect URI, scopes and PKCE before this runs).
/// The platform's own session is the login: a live one is reused (single sign-on) unless the client asks for a
/// fresh login (<c>prompt=login</c>, or <c>max_age</c> older than the session); otherwise the user goes through
/// <see cref="OpenIdLoginPages"/> and comes back here. A third-party client (explicit consent) gets the user's
/// permission once, on <see cref="OpenIdConsentPage"/>, and again when it sends <c>prompt=consent</c>; the organization's own
/// apps (implicit consent) do not ask.
/// </summary>
public static class AuthorizationEndpoint
{
    public static async Task<IResult> Authorize(
        HttpContext context, IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, IOpenIddictAuthorizationManager authorizations,
        OpenIdConsents consents, SessionStore sessions, OpenIdClaims claims, AuditTrail audit, IEventOutbox outbox, IdentityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not see this authorization request.");
        var session = context.User.FindFirst(InternalClaims.SessionId)?.Value is { } handle ? await sessions.GetAsync(handle) : null;
        var now = time.GetUtcNow();
        var fresh = session is not null && !request.HasPromptValue(PromptValues.Login)
            && (request.MaxAge is not { } maxAge || now - session.CreatedAt <= TimeSpan.FromSeconds(maxAge));
        if (session is null || !fresh)
        {
            return request.HasPromptValue(PromptValues.None)
                ? OpenIdResults.Refuse(Errors.LoginRequired, "No one is logged in, or the login is older than the client allows.")
                : TypedResults.Redirect(OpenIdLoginPages.Address(ReturnAddress(context)));
        }

        if (session.ImpersonatorId is not null)
        {
            return OpenIdResults.Refuse(Errors.AccessDenied, "Client apps cannot be signed in to while impersonating someone.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict accepted an unknown client.");
        var organizationId = OpenIdClients.OrganizationOf(await applications.GetPropertiesAsync(application, cancellationToken));
        var identity = await claims.ForUserAsync(session.UserId, request.GetScopes(), organizationId, new SignInFacts(session.CreatedAt, null), null, cancellationToken);
        if (identity is null) return OpenIdResults.Refuse(Errors.AccessDenied, "This account cannot log in.");

        identity.SetResources(await ToListAsync(scopes.ListResourcesAsync(identity.GetScopes(), cancellationToken)));
        var asksConsent = await applications.HasConsentTypeAsync(application, ConsentTypes.Explicit, cancellationToken);
        if (!asksConsent && organizationId is { } organization && !await claims.MaySignInSilentlyAsync(session.UserId, organization, cancellationToken))
        {
            return OpenIdResults.Refuse(Errors.AccessDenied, "Only members of the app's organization may sign in to it.");
        }

        if (asksConsent)
        {
            var applicationId = (await applications.GetIdAsync(application, cancellationToken))!;
            var consent = await consents.FindAsync(session.UserId, applicationId, identity.GetScopes(), cancellationToken);
            // prompt=consent: the client wants the user asked again, even though the answer is remembered.
            if (consent is null || request.HasPromptValue(PromptValues.Consent))
            {
                var name = await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId!;
                switch (OpenIdConsentPage.Answer(context.Request))
                {
                    case null when request.HasPromptValue(PromptValues.None):
                        return OpenIdResults.Refuse(Errors.ConsentRequired, "The user has not allowed this app yet.");
                    case null:
                        return OpenIdConsentPage.Show(context, name, identity.GetScopes());
                    case false:
                        audit.Record(AuditActions.OpenIdConsentDenied, session.UserId, session.UserId, $"client {request.ClientId} scopes {request.Scope}");
                        await db.SaveChangesAsync(cancellationToken);
                        return OpenIdResults.Refuse(Errors.AccessDenied, "The user did not allow the app to sign them in.");
                }

                consent ??= await consents.GrantAsync(identity, session.UserId, applicationId, cancellationToken);
                audit.Record(AuditActions.OpenIdConsentGranted, session.UserId, session.UserId, $"client {request.ClientId} scopes {request.Scope}");
            }

            // The tokens hang off the consent: withdrawing it revokes them.
            identity.SetAuthorizationId(await authorizations.GetIdAsync(consent, cancellationToken));
        }

        audit.Record(AuditActions.OpenIdAuthorized, session.UserId, session.UserId, $"client {request.ClientId} scopes {request.Scope}");
        outbox.Add(new ClientAuthorized(session.UserId, request.ClientId!, organizationId, identity.GetScopes().ToList(), now));
        await db.SaveChangesAsync(cancellationToken);
        return OpenIdResults.SignIn(identity);
    }

    /// <summary>This authorization request again, without <c>prompt=login</c> (the login it asks for is about to happen).</summary>
    private static string ReturnAddress(HttpContext context)
    {
        var parameters = context.Request.HasFormContentType ? context.Request.Form.AsEnumerable() : context.Request.Query.AsEnumerable();
        var query = new QueryBuilder();
        foreach (var (name, values) in parameters)
        {
            if (name == Parameters.Prompt)
            {
                var prompt = string.Join(' ', values.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p != PromptValues.Login));
                if (prompt.Length > 0) query.Add(name, prompt);
                continue;
            }

            foreach (var value in values) query.Add(name, value ?? "");
        }

        return "/connect/authorize" + query.ToQueryString();
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
