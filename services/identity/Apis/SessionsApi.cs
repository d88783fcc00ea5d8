using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Identity.Apis;

/// <summary>Logging in and out, and a user's view of their own sessions.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("/", LogIn).AllowAnonymous().WithName("LogIn")
            .WithSummary("Log in with email and password; sets the session cookie")
            .WithDescription("Unknown email, wrong password, locked, suspended and archived accounts all get the same 401. "
                + "For an account with two-factor the answer is { twoFactorRequired: true, challenge } and no session: see POST /sessions/two-factor.");
        sessions.MapPost("/two-factor", CompleteTwoFactor).AllowAnonymous().WithName("CompleteTwoFactorLogIn")
            .WithSummary("Second step of a login with two-factor: the challenge and a code (or a recovery code); sets the session cookie")
            .WithDescription("When POST /sessions answers twoFactorRequired, send its challenge here within 5 minutes. Wrong codes count toward the lockout.");
        sessions.MapDelete("/current", LogOut).WithName("LogOut").WithSummary("End this session");
        sessions.MapGet("/current", Current).WithName("GetCurrentSession").WithSummary("This session, with its active organization")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        sessions.MapPut("/current/organization", SwitchOrganization).RequireOwnerInPerson().WithName("SwitchActiveOrganization")
            .WithSummary("Act in another organization (or none, with null) without logging in again")
            .WithDescription("PUT replaces the session's active organization (organizationId null: none). Only an organization, not archived, in which the user is an active member; any other answers 404. "
                + "The gateway puts it in the internal token's org claim from the next request on.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized);
        sessions.MapGet("/", List).RefuseClientApps().WithName("ListSessions").WithSummary("My sessions");
        sessions.MapDelete("/{id}", End).RefuseClientApps().WithName("EndSession").WithSummary("End one of my sessions");
        sessions.MapDelete("/", EndOthers).RefuseClientApps().WithName("EndOtherSessions").WithSummary("End all my sessions but this one");
        return routes;
    }

    public static async Task<Results<Ok<LoginResponse>, Ok<TwoFactorChallengeResponse>, ProblemHttpResult>> LogIn(
        LoginRequest request, Login login, SessionCookie cookie, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await login.LogInAsync(request.Email, request.Password, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        switch (result)
        {
            case LoginResult.TwoFactorRequired required:
                return TypedResults.Ok(new TwoFactorChallengeResponse(true, required.Challenge));
            case LoginResult.Succeeded success:
                cookie.Set(context.Response, success.SessionId, success.Session.AbsoluteExpiresAt);
                return TypedResults.Ok(LoginResponse.From(success));
            case LoginResult.EmailNotVerified:
                return Problems.EmailNotVerified();
            default:
                return Problems.InvalidCredentials();
        }
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> CompleteTwoFactor(
        TwoFactorLoginRequest request, Login login, SessionCookie cookie, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await login.CompleteTwoFactorAsync(
            request.Challenge, request.Code, request.RecoveryCode, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        if (result is not LoginResult.Succeeded success) return Problems.InvalidSecondFactor();
        cookie.Set(context.Response, success.SessionId, success.Session.AbsoluteExpiresAt);
        return TypedResults.Ok(LoginResponse.From(success));
    }

    public static async Task<NoContent> LogOut(HttpContext context, SessionStore sessions, SessionCookie cookie, AuditTrail audit, IdentityDbContext db)
    {
        var userId = context.User.UserId();
        if (context.User.ImpersonatorId() is { } administratorId && context.User.FindFirst(InternalClaims.SessionId)?.Value is { } impersonation)
        {
            // Ends the impersonation only: the cookie is the administrator's, and speaks for them again.
            await sessions.EndImpersonationAsync(impersonation);
            audit.Record(AuditActions.ImpersonationEnded, administratorId, userId, "ended by the administrator");
            await db.SaveChangesAsync();
            return TypedResults.NoContent();
        }


        if (context.User.FindFirst(InternalClaims.SessionId)?.Value is { } handle) await sessions.EndAsync(userId, handle);
        cookie.Clear(context.Response);
        audit.Record(AuditActions.LoggedOut, userId, userId);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Current(HttpContext context, SessionStore sessions)
    {
        if (context.User.FindFirst(InternalClaims.SessionId)?.Value is not { } handle || await sessions.GetAsync(handle) is not { } record)
        {
            return NoSession();
        }

        return TypedResults.Ok(SessionResponse.From(handle, record, current: true));
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SwitchOrganization(
        SwitchOrganizationRequest request, HttpContext context, SessionStore sessions, OrganizationMemberships memberships, CancellationToken cancellationToken)
    {
        if (context.User.FindFirst(InternalClaims.SessionId)?.Value is not { } handle) return NoSession();
        if (request.OrganizationId is { } organizationId && await memberships.ActiveAsync(context.User.UserId(), organizationId, cancellationToken) is null)
        {
            return AdminProblems.UnknownOrganization("You are not an active member of an organization with this id, or it is archived.");
        }

        return await sessions.SetActiveOrganizationAsync(handle, request.OrganizationId) is { } record
            ? TypedResults.Ok(SessionResponse.From(handle, record, current: true))
            : NoSession();
    }

    private static ProblemHttpResult NoSession() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.InvalidCredentials, title: "No browser session.",
        detail: "This needs a browser session; log in again.");

    public static async Task<Ok<List<SessionResponse>>> List(HttpContext context, SessionStore sessions)
    {
        var current = context.User.FindFirst(InternalClaims.SessionId)?.Value;
        var mine = await sessions.ListAsync(context.User.UserId());
        return TypedResults.Ok(mine.Select(s => SessionResponse.From(s.Handle, s.Record, s.Handle == current)).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> End(string id, HttpContext context, SessionStore sessions, AuditTrail audit, IdentityDbContext db)
    {
        var userId = context.User.UserId();
        if (!await sessions.EndAsync(userId, id)) return TypedResults.NotFound();
        audit.Record(AuditActions.SessionEnded, userId, userId);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Ok<EndedResponse>> EndOthers(HttpContext context, SessionStore sessions, AuditTrail audit, IdentityDbContext db)
    {
        var userId = context.User.UserId();
        var ended = await sessions.EndAllAsync(userId, keepHandle: context.User.FindFirst(InternalClaims.SessionId)?.Value);
        audit.Record(AuditActions.OtherSessionsEnded, userId, userId, $"{ended} ended");
        await db.SaveChangesAsync();
        return TypedResults.Ok(new EndedResponse(ended));
    }
}

public sealed record LoginRequest(string? Email, string? Password);
public sealed record SwitchOrganizationRequest(Guid? OrganizationId);
public sealed record TwoFactorChallengeResponse(bool TwoFactorRequired, string Challenge);
public sealed record TwoFactorLoginRequest(string? Challenge, string? Code, string? RecoveryCode);
/// <param name="TwoFactorEnrolmentRequired">An organization of the user requires two-factor: until it is on (POST /account/two-factor), the session may do little else.</param>
public sealed record LoginResponse(
    Guid UserId, bool PasswordChangeRequired, DateTimeOffset IdleExpiresAt, DateTimeOffset AbsoluteExpiresAt, bool TwoFactorEnrolmentRequired)
{
    public static LoginResponse From(LoginResult.Succeeded success) => new(
        success.User.Id, success.Session.PasswordChangeRequired, success.Session.ExpiresAt, success.Session.AbsoluteExpiresAt,
        success.Session.TwoFactorEnrolmentRequired);
}
/// <param name="ImpersonatedBy">The administrator acting as the user in this session, if any.</param>
public sealed record SessionResponse(
    string Id, bool Current, string? UserAgent, string? ClientAddress, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    Guid? ImpersonatedBy, Guid? ActiveOrganizationId)
{
    public static SessionResponse From(string handle, SessionRecord record, bool current) => new(
        handle, current, record.UserAgent, record.ClientAddress, record.CreatedAt, record.LastSeenAt, record.ExpiresAt, record.ImpersonatorId,
        record.ActiveOrganizationId);
}
public sealed record EndedResponse(int Ended);
