using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Apis;

/// <summary>The caller's own account: profile, password, email, data export.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").WithTags("My account");
        // Scopes open an endpoint to API tokens (ScopeAuthorizationHandler); endpoints without one stay closed to them.
        account.MapGet("/", Get).RequireScope(IdentityScopes.AccountRead).WithName("GetMyAccount").WithSummary("My account");
        account.MapPut("/", UpdateProfile).RequireScope(IdentityScopes.AccountWrite).WithName("UpdateMyProfile").WithSummary("Change my name and language")
            .WithDescription("PUT replaces: firstName and lastName are both required, and a missing one is a 400 naming it. "
                + "language (en or de) is the language of the platform's emails to me; left out, the one chosen before stays.");
        account.MapPost("/password", ChangePassword).RequireOwnerInPerson().WithName("ChangeMyPassword").WithSummary("Change my password (needs the current one)")
            .WithDescription("Ends my other sessions unless endOtherSessions is false; this session stays.");
        account.MapPost("/email", RequestEmailChange).RequireOwnerInPerson().WithName("ChangeMyEmail")
            .WithSummary("Move my account to another address (needs my password); applies once the new address is confirmed");
        account.MapGet("/export", Export).RefuseClientApps().WithName("ExportMyData").WithSummary("Everything the platform's identity service holds about me, as JSON");
        return routes;
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound>> Get(HttpContext context, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(AccountResponse.From(user));
    }

    public static async Task<Results<Ok<AccountResponse>, ValidationProblem, NotFound>> UpdateProfile(
        UpdateProfileRequest request, HttpContext context, IdentityDbContext db, AccountChanges changes, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PersonName.TryNormalize(request.FirstName, out var first)) errors["firstName"] = [$"A first name of 1 to {PersonName.MaxLength} characters is required."];
        if (!PersonName.TryNormalize(request.LastName, out var last)) errors["lastName"] = [$"A last name of 1 to {PersonName.MaxLength} characters is required."];
        if (!Languages.TryNormalize(request.Language, out var language)) errors["language"] = [Languages.Problem];
        if (errors.Count > 0) return Problems.Validation(errors);

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        if (changes.ChangeProfile(user, first, last, language ?? user.Language)) audit.Record(AuditActions.ProfileUpdated, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AccountResponse.From(user));
    }

    public static async Task<Results<Ok<EndedResponse>, ValidationProblem, ProblemHttpResult, NotFound>> ChangePassword(
        ChangePasswordRequest request, HttpContext context, IdentityDbContext db, PasswordHasher hasher, PasswordRules rules,
        SessionStore sessions, IEventOutbox outbox, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        if (!hasher.Verify(request.CurrentPassword ?? "", user.PasswordHash)) return Problems.Validation("currentPassword", "The current password is not correct.");
        if (rules.Check(request.NewPassword, new PasswordContext(user.Email, user.FirstName, user.LastName, user.TwoFactorEnabled)) is { } problem) return Problems.Validation("newPassword", problem);
        if (hasher.Verify(request.NewPassword!, user.PasswordHash)) return Problems.Validation("newPassword", "Choose a password different from the current one.");

        var now = time.GetUtcNow();
        user.ChangePassword(hasher.Hash(request.NewPassword!), now);
        audit.Record(AuditActions.PasswordChanged, user.Id, user.Id);
        outbox.Add(new PasswordChanged(user.Id, user.Email, user.FirstName, now, "changed"));
        await db.SaveChangesAsync(cancellationToken);

        var current = context.User.FindFirst(InternalClaims.SessionId)?.Value;
        var ended = request.EndOtherSessions ? await sessions.EndAllAsync(user.Id, keepHandle: current) : 0;
        if (current is not null) await sessions.ClearPasswordChangeRequiredAsync(current);
        return TypedResults.Ok(new EndedResponse(ended));
    }

    public static async Task<Results<Accepted<AcceptedResponse>, ValidationProblem, NotFound>> RequestEmailChange(
        ChangeEmailRequest request, HttpContext context, IdentityDbContext db, PasswordHasher hasher, EmailChange change, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        // Fresh re-authentication: a stolen session alone cannot move the account to another mailbox.
        if (!hasher.Verify(request.Password ?? "", user.PasswordHash)) return Problems.Validation("password", "The password is not correct.");
        if (EmailAddress.Canonicalize(request.NewEmail, out var problem) is not { } newEmail) return Problems.Validation("newEmail", problem!);

        await change.RequestAsync(user, newEmail, cancellationToken);
        return TypedResults.Accepted((string?)null, AcceptedResponse.Link);
    }

    public static async Task<Results<Ok<AccountExport>, NotFound>> Export(
        HttpContext context, IdentityDbContext db, SessionStore sessions, AuditTrail audit, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return TypedResults.NotFound();
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.TargetUserId == userId || a.ActorId == userId)
            .OrderBy(a => a.Id).Select(a => new AuditEntryResponse(a.OccurredAt, a.Action, a.ActorId, a.TargetUserId, a.ClientAddress, a.UserAgent, a.Detail))
            .ToListAsync(cancellationToken);
        var live = (await sessions.ListAsync(userId)).Select(s => SessionResponse.From(s.Handle, s.Record, false)).ToList();
        audit.Record(AuditActions.DataExported, userId, userId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AccountExport(AccountResponse.From(user), live, history));
    }
}

/// <param name="Language">en or de; null keeps the language chosen before.</param>
public sealed record UpdateProfileRequest(string? FirstName, string? LastName, string? Language = null);
/// <param name="EndOtherSessions">Ends every other session of the account (default), as Keycloak does: a password
/// changed because it leaked must also lock out whoever used it. The caller's own session stays.</param>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, bool EndOtherSessions = true);
public sealed record ChangeEmailRequest(string? Password, string? NewEmail);

public sealed record AccountResponse(
    Guid Id, string Email, string FirstName, string LastName, string State, bool EmailVerified, bool PasswordChangeRequired,
    DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, bool TwoFactorEnabled, string Language)
{
    public static AccountResponse From(User user) => new(
        user.Id, user.Email, user.FirstName, user.LastName, User.Name(user.State), user.EmailVerifiedAt is not null,
        user.MustChangePassword, user.CreatedAt, user.LastLoginAt, user.TwoFactorEnabled, user.Language ?? Languages.Default);
}

public sealed record AuditEntryResponse(DateTimeOffset OccurredAt, string Action, Guid? ActorId, Guid? TargetUserId, string? ClientAddress, string? UserAgent, string? Detail);
public sealed record AccountExport(AccountResponse Account, IReadOnlyList<SessionResponse> Sessions, IReadOnlyList<AuditEntryResponse> History);
