using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.OpenIdConnect;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>
/// Platform-wide client apps, managed by platform administrators: tools everyone may sign in to (Grafana, a Kubernetes
/// dashboard), whose tokens act for the user in all of the user's organizations and whose <c>organizations</c> claim
/// lists every membership. Their OpenID Connect settings are those of an organization's app.
/// </summary>
public static class PlatformClientAppsApi
{
    public static IEndpointRouteBuilder MapPlatformClientAppsApi(this IEndpointRouteBuilder routes)
    {
        var apps = routes.MapGroup("/admin/client-apps").WithTags("Administration")
            .RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy).RequireOwnerInPerson()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        apps.MapPost("/", Register).WithName("AdminRegisterPlatformClientApp").WithSummary("Register a platform-wide client app");
        apps.MapGet("/", List).WithName("AdminListPlatformClientApps").WithSummary("The platform-wide client apps");
        apps.MapPut("/{id}/openid-connect", Save).ProducesProblem(StatusCodes.Status404NotFound).WithName("AdminSavePlatformClientAppOpenIdConnect")
            .WithSummary("Let a platform-wide client app sign users in with OpenID Connect; a new secret is in this answer only")
            .WithDescription("The same settings as an organization's client app (PUT replaces them). Its users' tokens act in all their organizations.");
        apps.MapGet("/{id}/openid-connect", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("AdminGetPlatformClientAppOpenIdConnect")
            .WithSummary("A platform-wide client app's OpenID Connect settings (never its secret)");
        return routes;
    }

    public static async Task<Results<Created<ClientAppResponse>, ValidationProblem>> Register(
        RegisterClientAppRequest request, HttpContext context, IdentityDbContext db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (ClientApp.NameProblem(name) is { } problem) return Problems.Validation("name", problem);

        var actorId = context.User.UserId();
        var app = ClientApp.Register(null, name, actorId, time.GetUtcNow());
        db.ClientApps.Add(app);
        audit.Record(AuditActions.ClientAppRegistered, actorId, null, $"platform-wide client app {app.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/admin/client-apps/{app.Id}/openid-connect", ClientAppResponse.From(app));
    }

    public static async Task<Ok<List<ClientAppResponse>>> List(IdentityDbContext db, CancellationToken cancellationToken)
    {
        var apps = await db.ClientApps.AsNoTracking().Where(a => a.OrganizationId == null).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(apps.Select(ClientAppResponse.From).ToList());
    }

    public static async Task<Results<Ok<OpenIdClientResponse>, ValidationProblem, NotFound>> Save(
        Guid id, SaveOpenIdClientRequest request, HttpContext context, IdentityDbContext db, OpenIdClients clients, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (request.ServiceAccountPermissions?.Any(p => !string.IsNullOrWhiteSpace(p)) == true)
        {
            return Problems.Validation("serviceAccountPermissions",
                "A platform-wide app belongs to no organization, so its own tokens have nowhere to act; give it no permissions of its own.");
        }

        return await PlatformWideAsync(db, id, cancellationToken) is { } app
            ? await OpenIdClientsApi.SaveAsync(app, request, context, db, clients, audit, cancellationToken)
            : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<OpenIdClientResponse>, NotFound>> Get(Guid id, IdentityDbContext db, OpenIdClients clients, CancellationToken cancellationToken) =>
        await PlatformWideAsync(db, id, cancellationToken) is { } app ? await OpenIdClientsApi.GetAsync(app, clients, cancellationToken) : TypedResults.NotFound();

    private static Task<ClientApp?> PlatformWideAsync(IdentityDbContext db, Guid appId, CancellationToken cancellationToken) =>
        db.ClientApps.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appId && a.OrganizationId == null, cancellationToken);
}
