using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.OpenIdConnect;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>A client app's OpenID Connect settings, managed like the app itself by the organization's owner and admins.</summary>
public static class OpenIdClientsApi
{
    public static IEndpointRouteBuilder MapOpenIdClientsApi(this IEndpointRouteBuilder routes)
    {
        var settings = routes.MapGroup("/organizations/{organizationId:guid}/client-apps/{appId:guid}/openid-connect").WithTags("Client apps")
            .RequireOwnerInPerson().RequireOrganizationAdministrator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        settings.MapPut("/", Save).WithName("SaveClientAppOpenIdConnect")
            .WithSummary("Let the client app sign users in with OpenID Connect, or change how; a new secret is in this answer only")
            .WithDescription("PUT replaces the settings: public and grantTypes are required, and a list left out is empty. "
                + "The client id is the app's id. A confidential client gets a secret when it is registered and when rotateSecret is true. "
                + "serviceAccountPermissions: the permission keys (such as approvals.request) the app's own access tokens hold, from the "
                + "client_credentials grant; the gateway reads them afresh within a second, so a change applies to tokens already issued.");
        settings.MapGet("/", Get).WithName("GetClientAppOpenIdConnect").WithSummary("The client app's OpenID Connect settings (never its secret)");
        return routes;
    }

    public static async Task<Results<Ok<OpenIdClientResponse>, ValidationProblem, NotFound>> Save(
        Guid organizationId, Guid appId, SaveOpenIdClientRequest request, HttpContext context, IdentityDbContext db, OpenIdClients clients,
        AuditTrail audit, CancellationToken cancellationToken)
    {
        var app = await db.ClientApps.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appId && a.OrganizationId == organizationId, cancellationToken);
        return app is null ? TypedResults.NotFound() : await SaveAsync(app, request, context, db, clients, audit, cancellationToken);
    }

    public static async Task<Results<Ok<OpenIdClientResponse>, NotFound>> Get(
        Guid organizationId, Guid appId, IdentityDbContext db, OpenIdClients clients, CancellationToken cancellationToken)
    {
        var app = await db.ClientApps.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appId && a.OrganizationId == organizationId, cancellationToken);
        return app is null ? TypedResults.NotFound() : await GetAsync(app, clients, cancellationToken);
    }

    /// <summary>Saves the settings of <paramref name="app"/>, an organization's or a platform-wide one, which the caller may manage.</summary>
    public static async Task<Results<Ok<OpenIdClientResponse>, ValidationProblem, NotFound>> SaveAsync(
        ClientApp app, SaveOpenIdClientRequest request, HttpContext context, IdentityDbContext db, OpenIdClients clients, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (OpenIdClientSettings.TryCreate(request.Public, request.RedirectUris, request.PostLogoutRedirectUris, request.GrantTypes, request.Scopes,
                OpenIdScopes.All, errors, request.ThirdParty, request.ServiceAccountPermissions) is not { } settings)
        {
            return Problems.Validation(errors);
        }

        var (saved, secret) = await clients.SaveAsync(app, settings, request.RotateSecret ?? false, cancellationToken);
        audit.Record(AuditActions.OpenIdClientSaved, context.User.UserId(), null,
            $"client app {app.Id} of {(app.OrganizationId is { } organization ? $"organization {organization}" : "the platform")}: "
            + $"{(saved.Public ? "public" : "confidential")}, grants {string.Join(' ', saved.GrantTypes)}"
            + (saved.ServiceAccountPermissions.Count == 0 ? "" : $", own permissions {string.Join(' ', saved.ServiceAccountPermissions)}")
            + (secret is null ? "" : ", new secret"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OpenIdClientResponse.From(app, saved, secret));
    }

    public static async Task<Results<Ok<OpenIdClientResponse>, NotFound>> GetAsync(ClientApp app, OpenIdClients clients, CancellationToken cancellationToken) =>
        await clients.FindAsync(app, cancellationToken) is { } settings ? TypedResults.Ok(OpenIdClientResponse.From(app, settings, null)) : TypedResults.NotFound();
}

public sealed record SaveOpenIdClientRequest(
    bool? Public, IReadOnlyList<string?>? RedirectUris, IReadOnlyList<string?>? PostLogoutRedirectUris, IReadOnlyList<string?>? GrantTypes,
    IReadOnlyList<string?>? Scopes, bool? RotateSecret, bool? ThirdParty = null, IReadOnlyList<string?>? ServiceAccountPermissions = null);

/// <param name="ClientSecret">Only in the answer that created it.</param>
/// <param name="ThirdParty">Users are asked to allow the app once (their answer is kept until they revoke it in their account).</param>
/// <param name="ServiceAccountPermissions">The permission keys the app's own access tokens (client credentials) hold.</param>
public sealed record OpenIdClientResponse(
    string ClientId, bool Public, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes, string? ClientSecret, bool ThirdParty, IReadOnlyList<string> ServiceAccountPermissions)
{
    public static OpenIdClientResponse From(ClientApp app, OpenIdClientSettings s, string? secret) =>
        new(app.Id.ToString(), s.Public, s.RedirectUris, s.PostLogoutRedirectUris, s.GrantTypes, s.Scopes, secret, s.ThirdParty, s.ServiceAccountPermissions);
}
