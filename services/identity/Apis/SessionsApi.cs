using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>Logging in and out, and a user's view of their own sessions.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("/", LogIn).AllowAnonymous().WithName("LogIn")
            .WithSummary("Log in with email and password; sets the session cookie")
            .WithDescription("Unknown email, wrong password, locked, suspended and archived accounts all get the same 401.");
        sessions.MapDelete("/current", LogOut).WithName("LogOut").WithSummary("End this session");
        sessions.MapGet("/", List).WithName("ListSessions").WithSummary("My sessions");
        sessions.MapDelete("/{id}", End).WithName("EndSession").WithSummary("End one of my sessions");
        sessions.MapDelete("/", EndOthers).WithName("EndOtherSessions").WithSummary("End all my sessions but this one");
        return routes;
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LogIn(
        LoginRequest request, Login login, SessionCookie cookie, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await login.LogInAsync(request.Email, request.Password, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        switch (result)
        {
            case LoginResult.Succeeded success:
                cookie.Set(context.Response, success.SessionId, success.Session.AbsoluteExpiresAt);
                return TypedResults.Ok(new LoginResponse(success.User.Id, success.Session.PasswordChangeRequired, success.Session.ExpiresAt, success.Session.AbsoluteExpiresAt));
            case LoginResult.EmailNotVerified:
                return Problems.EmailNotVerified();
            default:
                return Problems.InvalidCredentials();
        }
    }

    public static async Task<NoContent> LogOut(HttpContext context, SessionStore sessions, SessionCookie cookie, AuditTrail audit, IdentityDbContext db)
    {
        var userId = context.User.UserId();
        if (context.User.FindFirst(InternalClaims.SessionId)?.Value is { } handle) await sessions.EndAsync(userId, handle);
        cookie.Clear(context.Response);
        audit.Record(AuditActions.LoggedOut, userId, userId);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Ok<List<SessionResponse>>> List(HttpContext context, SessionStore sessions)
    {
        var current = context.User.FindFirst(InternalClaims.SessionId)?.Value;
        var mine = await sessions.ListAsync(context.User.UserId());
        return TypedResults.Ok(mine.Select(s => new SessionResponse(
            s.Handle, s.Handle == current, s.Record.UserAgent, s.Record.ClientAddress, s.Record.CreatedAt, s.Record.LastSeenAt, s.Record.ExpiresAt)).ToList());
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
public sealed record LoginResponse(Guid UserId, bool PasswordChangeRequired, DateTimeOffset IdleExpiresAt, DateTimeOffset AbsoluteExpiresAt);
public sealed record SessionResponse(string Id, bool Current, string? UserAgent, string? ClientAddress, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt);
public sealed record EndedResponse(int Ended);
