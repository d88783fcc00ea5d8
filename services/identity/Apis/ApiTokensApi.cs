using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>
/// Tokens for programs: a user's personal access tokens, organizations' client apps and their tokens,
/// and the introspection the gateway asks on every bearer request it has not cached.
/// </summary>
public static class ApiTokensApi
{
    public static IEndpointRouteBuilder MapApiTokensApi(this IEndpointRouteBuilder routes)
    {
        var personal = routes.MapGroup("/account/tokens").WithTags("My account").RequireOwnerInPerson();
        personal.MapPost("/", CreatePersonal).WithName("CreateMyToken")
            .WithSummary("Create a personal access token; the secret is in this answer only");
        personal.MapGet("/", ListPersonal).WithName("ListMyTokens").WithSummary("My personal access tokens (never their secrets)");
        personal.MapDelete("/{id}", RevokePersonal).WithName("RevokeMyToken").WithSummary("Revoke one of my tokens; effective within a second");

        // The organization's owner and admins (as identity's copy of membership's data says) and platform administrators.
        var apps = routes.MapGroup("/organizations/{organizationId:guid}/client-apps").WithTags("Client apps")
            .RequireOwnerInPerson().RequireOrganizationAdministrator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapPost("/", RegisterClientApp).WithName("RegisterClientApp").WithSummary("Register a client app of the organization");
        apps.MapGet("/", ListClientApps).WithName("ListClientApps").WithSummary("The organization's client apps");
        apps.MapPost("/{appId:guid}/tokens", CreateClientAppToken).WithName("CreateClientAppToken")
            .WithSummary("Issue a token to a client app; the secret is in this answer only");
        apps.MapGet("/{appId:guid}/tokens", ListClientAppTokens).WithName("ListClientAppTokens").WithSummary("A client app's tokens (never their secrets)");
        apps.MapDelete("/{appId:guid}/tokens/{tokenId:guid}", RevokeClientAppToken).WithName("RevokeClientAppToken")
            .WithSummary("Revoke a client app's token; effective within a second");

        // Not routed by the gateway (it answers 404 for /api/*/internal/**), and only for the gateway's own token.
        routes.MapPost("/internal/tokens/introspect", Introspect).RequireAuthorization(InternalTokenValidation.GatewayPolicy)
            .ExcludeFromDescription();
        return routes;
    }

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult>> CreatePersonal(
        CreateTokenRequest request, HttpContext context, IdentityDbContext db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (ApiTokenSpec.TryCreate(request.Name, request.Scopes, request.ExpiresAt, now, errors) is not { } spec) return Problems.Validation(errors);

        var userId = context.User.UserId();
        var (token, secret) = ApiToken.IssuePersonal(userId, spec, now);
        db.ApiTokens.Add(token);
        audit.Record(AuditActions.ApiTokenCreated, userId, userId, $"personal {token.Id} ({token.Prefix}) scopes {string.Join(' ', token.Scopes)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/account/tokens/{token.Id}", CreatedTokenResponse.From(token, secret));
    }

    public static async Task<Ok<List<TokenResponse>>> ListPersonal(HttpContext context, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens.Select(TokenResponse.From).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> RevokePersonal(
        Guid id, HttpContext context, IdentityDbContext db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null) return TypedResults.NotFound();
        token.Revoke(time.GetUtcNow());
        audit.Record(AuditActions.ApiTokenRevoked, userId, userId, $"personal {token.Id} ({token.Prefix})");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<ClientAppResponse>, ValidationProblem>> RegisterClientApp(
        Guid organizationId, RegisterClientAppRequest request, HttpContext context, IdentityDbContext db, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (ClientApp.NameProblem(name) is { } problem) return Problems.Validation("name", problem);

        var actorId = context.User.UserId();
        var app = ClientApp.Register(organizationId, name, actorId, time.GetUtcNow());
        db.ClientApps.Add(app);
        audit.Record(AuditActions.ClientAppRegistered, actorId, null, $"client app {app.Id} of organization {organizationId}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/organizations/{organizationId}/client-apps/{app.Id}", ClientAppResponse.From(app));
    }

    public static async Task<Ok<List<ClientAppResponse>>> ListClientApps(Guid organizationId, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var apps = await db.ClientApps.AsNoTracking().Where(a => a.OrganizationId == organizationId).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(apps.Select(ClientAppResponse.From).ToList());
    }

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, NotFound>> CreateClientAppToken(
        Guid organizationId, Guid appId, CreateTokenRequest request, HttpContext context, IdentityDbContext db, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var app = await db.ClientApps.SingleOrDefaultAsync(a => a.Id == appId && a.OrganizationId == organizationId, cancellationToken);
        if (app is null) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (ApiTokenSpec.TryCreate(request.Name, request.Scopes, request.ExpiresAt, now, errors) is not { } spec) return Problems.Validation(errors);

        var (token, secret) = ApiToken.IssueForClientApp(app, spec, now);
        db.ApiTokens.Add(token);
        audit.Record(AuditActions.ApiTokenCreated, context.User.UserId(), null,
            $"client app {app.Id} token {token.Id} ({token.Prefix}) scopes {string.Join(' ', token.Scopes)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/organizations/{organizationId}/client-apps/{appId}/tokens/{token.Id}", CreatedTokenResponse.From(token, secret));
    }

    public static async Task<Results<Ok<List<TokenResponse>>, NotFound>> ListClientAppTokens(
        Guid organizationId, Guid appId, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.ClientApps.AnyAsync(a => a.Id == appId && a.OrganizationId == organizationId, cancellationToken)) return TypedResults.NotFound();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.ClientAppId == appId && t.OrganizationId == organizationId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens.Select(TokenResponse.From).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> RevokeClientAppToken(
        Guid organizationId, Guid appId, Guid tokenId, HttpContext context, IdentityDbContext db, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.ClientAppId == appId && t.OrganizationId == organizationId, cancellationToken);
        if (token is null) return TypedResults.NotFound();
        token.Revoke(time.GetUtcNow());
        audit.Record(AuditActions.ApiTokenRevoked, context.User.UserId(), null, $"client app {appId} token {token.Id} ({token.Prefix})");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IntrospectionResult>> Introspect(IntrospectRequest request, TokenIntrospection introspection, CancellationToken cancellationToken) =>
        TypedResults.Ok(await introspection.IntrospectAsync(request.Token, cancellationToken));
}

public sealed record CreateTokenRequest(string? Name, IReadOnlyList<string?>? Scopes, DateTimeOffset? ExpiresAt);
public sealed record RegisterClientAppRequest(string? Name);
public sealed record IntrospectRequest(string? Token);

public sealed record TokenResponse(
    Guid Id, string Name, string Kind, Guid? OrganizationId, Guid? ClientAppId, IReadOnlyList<string> Scopes, string Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static TokenResponse From(ApiToken t) =>
        new(t.Id, t.Name, t.KindName, t.OrganizationId, t.ClientAppId, t.Scopes, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}

/// <summary>The one answer that carries the secret.</summary>
public sealed record CreatedTokenResponse(Guid Id, string Name, string Kind, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset ExpiresAt, string Token)
{
    public static CreatedTokenResponse From(ApiToken t, string secret) => new(t.Id, t.Name, t.KindName, t.Scopes, t.Prefix, t.ExpiresAt, secret);
}

/// <param name="OrganizationId">Null for a platform-wide client app.</param>
public sealed record ClientAppResponse(Guid Id, Guid? OrganizationId, string Name, DateTimeOffset CreatedAt)
{
    public static ClientAppResponse From(ClientApp a) => new(a.Id, a.OrganizationId, a.Name, a.CreatedAt);
}
