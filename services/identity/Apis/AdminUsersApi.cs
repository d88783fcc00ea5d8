using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Csv;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Apis;

/// <summary>
/// Platform administrators' user management. Only platform administrators: delegation to
/// organization administrators comes with the membership service.
/// </summary>
public static class AdminUsersApi
{
    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapGet("/", List).WithName("AdminListUsers").WithSummary("List and search users")
            .WithDescription("q is a prefix of the email or of a name; archived and deleted accounts are left out unless state names them "
                + "(state=archived,deleted). lastLoginBefore includes accounts that never logged in; createdTo is exclusive.");
        users.MapGet("/export.csv", ExportCsv).WithName("AdminExportUsers").WithSummary("Export the users matching the list's filters as CSV")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        users.MapGet("/{id}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("AdminGetUser").WithSummary("One user");
        users.MapPost("/", Create).ProducesProblem(StatusCodes.Status409Conflict).WithName("AdminCreateUser").WithSummary("Create a user")
            .WithDescription("With initialPassword the account is active and must change the password at first login; "
                + "without, it is pending and its owner gets an email with a link to set a password.");
        users.MapPut("/{id}", Edit).ForOneUser().WithName("AdminEditUser").WithSummary("Change a user's name and email address")
            .WithDescription("PUT replaces: firstName, lastName and email are all required, and a missing one is a 400 naming it. "
                + "An administrator's email change applies at once; the old address is told.");
        users.MapPost("/{id}/password-reset", ResetPassword).ForOneUser().WithName("AdminResetPassword")
            .WithSummary("Email the user a reset link (mode link), or set a temporary password that must be changed at the next login (mode temporary)");
        users.MapPost("/{id}/suspend", Suspend).ForOneUser().WithName("AdminSuspendUser").WithSummary("Suspend: the user cannot log in; every session ends");
        users.MapPost("/{id}/reactivate", Reactivate).ForOneUser().WithName("AdminReactivateUser").WithSummary("Lift a suspension");
        users.MapPost("/{id}/unlock", Unlock).ForOneUser().WithName("AdminUnlockUser").WithSummary("Lift a lockout after failed logins");
        users.MapPost("/{id}/archive", Archive).ForOneUser().WithName("AdminArchiveUser").WithSummary("Archive: out of use and out of default lists; every session ends");
        users.MapPost("/{id}/restore", Restore).ForOneUser().WithName("AdminRestoreUser").WithSummary("Bring an archived user back to the state before archiving");
        users.MapPost("/{id}/delete", Delete).ForOneUser().WithName("AdminDeleteUser")
            .WithSummary("Delete an archived user: personal data is anonymized, the id stays, the email is free again");
        users.MapPost("/{id}/impersonate", Impersonate).RequireOwnerInPerson().ProducesProblem(StatusCodes.Status404NotFound).WithName("AdminImpersonateUser")
            .WithSummary("Act as a user (never a platform administrator), with a reason, for a limited time")
            .WithDescription("This browser session then speaks for the user until the impersonation expires or DELETE /sessions/current ends it, "
                + "which returns to the administrator's own session. The user sees it in their sessions and audit trail.");
        users.MapPost("/{id}/sessions/end", EndSessions).ProducesProblem(StatusCodes.Status404NotFound).WithName("AdminEndUserSessions").WithSummary("End all of a user's sessions");
        return routes;
    }

    /// <summary>An endpoint about one user: unknown ids are 404, moves the account's state refuses are 409.</summary>
    private static RouteHandlerBuilder ForOneUser(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<PagedResponse<AdminUserResponse>>, ValidationProblem>> List(
        [AsParameters] UserFilterQuery query, string? page, string? pageSize, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        query.TryParse(errors, out var filter);
        var paging = Paging.Parse(page, pageSize, errors);
        if (errors.Count > 0) return Problems.Validation(errors);

        var matching = db.Users.AsNoTracking().Apply(filter);
        var total = await matching.CountAsync(cancellationToken);
        var users = await matching.Sort(filter.Sort, filter.Descending).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<AdminUserResponse>(users.Select(AdminUserResponse.From).ToList(), paging.Page, paging.PageSize, total));
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportCsv(
        [AsParameters] UserFilterQuery query, HttpContext context, IdentityDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!query.TryParse(errors, out var filter)) return Problems.Validation(errors);

        // Bulk export of personal data is itself recorded, before any of it leaves.
        audit.Record(AuditActions.UsersExported, context.User.UserId(), null);
        await db.SaveChangesAsync(cancellationToken);

        var rows = db.Users.AsNoTracking().Apply(filter).Sort(filter.Sort, filter.Descending).AsAsyncEnumerable();
        return TypedResults.Stream(stream => UserCsv.WriteAsync(stream, rows, context.RequestAborted), "text/csv; charset=utf-8", "users.csv");
    }

    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Get(
        string id, UserAdministration admin, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        var user = await admin.FindAsync(userId, cancellationToken);
        return user is null ? AdminProblems.UnknownUser() : TypedResults.Ok(AdminUserResponse.From(user));
    }

    public static async Task<Results<Created<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, HttpContext context, UserAdministration admin, PasswordRules rules, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (email, firstName, lastName) = CheckDetails(request.Email, request.FirstName, request.LastName, errors);
        if (request.InitialPassword is not null && rules.Check(request.InitialPassword, new PasswordContext(email, firstName, lastName)) is { } problem)
        {
            errors["initialPassword"] = [problem];
        }

        if (errors.Count > 0) return Problems.Validation(errors);

        var (result, user) = await admin.CreateAsync(email, firstName, lastName, request.InitialPassword, context.User.UserId(), cancellationToken);
        return result is AdministrationResult.Done
            ? TypedResults.Created($"/admin/users/{user!.Id}", AdminUserResponse.From(user))
            : AdminProblems.EmailTaken();
    }

    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Edit(
        string id, EditUserRequest request, HttpContext context, UserAdministration admin, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        var errors = new Dictionary<string, string[]>();
        var (email, firstName, lastName) = CheckDetails(request.Email, request.FirstName, request.LastName, errors);
        if (errors.Count > 0) return Problems.Validation(errors);

        var user = await admin.FindAsync(userId, cancellationToken);
        if (user is null) return AdminProblems.UnknownUser();
        return await admin.EditAsync(user, firstName, lastName, email, context.User.UserId(), cancellationToken) switch
        {
            AdministrationResult.Done => TypedResults.Ok(AdminUserResponse.From(user)),
            AdministrationResult.Refused(var reason) => AdminProblems.Refused(reason),
            _ => AdminProblems.EmailTaken(),
        };
    }

    public static async Task<Results<Ok<AdminPasswordResetResponse>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string id, AdminPasswordResetRequest request, HttpContext context, UserAdministration admin, PasswordRules rules,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        if (AdminPasswordResets.Check(request) is { } invalid) return invalid;
        var user = await admin.FindAsync(userId, cancellationToken);
        if (user is null) return AdminProblems.UnknownUser();
        return await AdminPasswordResets.ApplyAsync(user, request, context.User.UserId(), admin, rules, cancellationToken);
    }

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Suspend(
        string id, HttpContext context, UserAdministration admin, CancellationToken cancellationToken) =>
        MoveAsync(id, AccountMove.Suspend, context, admin, cancellationToken);

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Reactivate(
        string id, HttpContext context, UserAdministration admin, CancellationToken cancellationToken) =>
        MoveAsync(id, AccountMove.Reactivate, context, admin, cancellationToken);

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Unlock(
        string id, HttpContext context, UserAdministration admin, CancellationToken cancellationToken) =>
        MoveAsync(id, AccountMove.Unlock, context, admin, cancellationToken);

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Archive(
        string id, HttpContext context, UserAdministration admin, CancellationToken cancellationToken) =>
        MoveAsync(id, AccountMove.Archive, context, admin, cancellationToken);

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Restore(
        string id, HttpContext context, UserAdministration admin, CancellationToken cancellationToken) =>
        MoveAsync(id, AccountMove.Restore, context, admin, cancellationToken);

    /// <summary>An organization must have an owner at every moment: an owner's account is deleted only after ownership moves.</summary>
    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Delete(
        string id, HttpContext context, UserAdministration admin, OrganizationMemberships memberships, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(id, out var userId) && await memberships.OwnedAsync(userId, cancellationToken) is { Count: > 0 } owned)
        {
            return await admin.FindAsync(userId, cancellationToken) is null ? AdminProblems.UnknownUser() : AdminProblems.OwnsOrganizations(owned);
        }

        return await MoveAsync(id, AccountMove.Delete, context, admin, cancellationToken);
    }

    public static async Task<Results<Ok<EndedResponse>, ValidationProblem, ProblemHttpResult>> EndSessions(
        string id, HttpContext context, UserAdministration admin, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        var user = await admin.FindAsync(userId, cancellationToken);
        if (user is null) return AdminProblems.UnknownUser();
        return TypedResults.Ok(new EndedResponse(await admin.EndSessionsAsync(user, context.User.UserId(), cancellationToken)));
    }

    public static async Task<Results<Ok<ImpersonationResponse>, ValidationProblem, ProblemHttpResult>> Impersonate(
        string id, ImpersonateRequest request, HttpContext context, UserAdministration admin, ImpersonationStart impersonation, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        if (ImpersonationStart.CheckReason(request.Reason, out var reason) is { } problem) return Problems.Validation("reason", problem);
        if (context.User.FindFirst(InternalClaims.SessionId)?.Value is not { } administratorHandle) return AdminProblems.Forbidden("Impersonation starts from a browser session.");

        var user = await admin.FindAsync(userId, cancellationToken);
        if (user is null) return AdminProblems.UnknownUser();
        var result = await impersonation.StartAsync(user, context.User.UserId(), administratorHandle, reason, null, context, cancellationToken);
        if (result is ImpersonationResult.Refused(var refused)) return AdminProblems.Forbidden(refused);
        var started = (ImpersonationResult.Started)result;
        return TypedResults.Ok(new ImpersonationResponse(user.Id, started.Handle, started.ExpiresAt));
    }

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        string id, AccountMove move, HttpContext context, UserAdministration admin, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        var user = await admin.FindAsync(userId, cancellationToken);
        if (user is null) return AdminProblems.UnknownUser();
        var change = await admin.ChangeStateAsync(user, move, context.User.UserId(), cancellationToken);
        return change.Succeeded ? TypedResults.Ok(AdminUserResponse.From(user)) : AdminProblems.Refused(change.Refusal!);
    }

    internal static (string Email, string FirstName, string LastName) CheckDetails(
        string? email, string? firstName, string? lastName, Dictionary<string, string[]> errors)
    {
        var normalized = EmailAddress.Canonicalize(email, out var emailProblem) ?? "";
        if (emailProblem is not null) errors["email"] = [emailProblem];
        if (!PersonName.TryNormalize(firstName, out var first))
            errors["firstName"] = [$"A first name of 1 to {PersonName.MaxLength} characters is required."];
        if (!PersonName.TryNormalize(lastName, out var last))
            errors["lastName"] = [$"A last name of 1 to {PersonName.MaxLength} characters is required."];
        return (normalized, first, last);
    }
}

/// <summary>RFC 4180 CSV, safe to open in a spreadsheet.</summary>
internal static class UserCsv
{
    private const string Header = "id,email,firstName,lastName,state,createdAt,lastLoginAt";

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<User> users, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        await foreach (var user in users.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',',
                user.Id.ToString(), SpreadsheetCsv.Cell(user.Email), SpreadsheetCsv.Cell(user.FirstName), SpreadsheetCsv.Cell(user.LastName), User.Name(user.State),
                user.CreatedAt.UtcDateTime.ToString("O"), user.LastLoginAt?.UtcDateTime.ToString("O") ?? ""));
        }
    }
}

public sealed record CreateUserRequest(string? Email, string? FirstName, string? LastName, string? InitialPassword);
public sealed record EditUserRequest(string? FirstName, string? LastName, string? Email);
/// <summary>Mode <c>link</c> or <c>temporary</c>; the temporary password only with <c>temporary</c>.</summary>
public sealed record AdminPasswordResetRequest(string? Mode, string? TemporaryPassword);
/// <summary>What the reset did; <see cref="Sending"/> (mode link only) says what became of the email.</summary>
public sealed record AdminPasswordResetResponse(
    string Mode, int SessionsEnded, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResetEmailSending? Sending = null);

/// <summary>
/// What became of a reset link's email as far as identity knows when it answers, as membership's invitation resend
/// reports it. Status <c>queued</c>: handed to notifications with the new link, in the same transaction.
/// </summary>
public sealed record ResetEmailSending(string Status, string Detail)
{
    public static readonly ResetEmailSending Queued = new("queued",
        "The email with the reset link is queued for sending: notifications writes it and hands it to the SMTP server, normally within seconds. "
        + "Account emails are not subject to unsubscribing.");
}
public sealed record ImpersonateRequest(string? Reason);
public sealed record ImpersonationResponse(Guid UserId, string SessionId, DateTimeOffset ExpiresAt);

public sealed record AdminUserResponse(
    Guid Id, string Email, string FirstName, string LastName, string State, bool EmailVerified, bool PasswordChangeRequired,
    bool PlatformAdmin, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, DateTimeOffset? LastActivityAt,
    DateTimeOffset? LockedUntil, DateTimeOffset? DeletedAt)
{
    public static AdminUserResponse From(User user) => new(
        user.Id, user.Email, user.FirstName, user.LastName, User.Name(user.State), user.EmailVerifiedAt is not null, user.MustChangePassword,
        user.IsPlatformAdmin, user.CreatedAt, user.LastLoginAt, user.LastActivityAt,
        user.State == UserState.Locked ? user.LockedUntil : null, user.DeletedAt);
}
