using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>
/// Accounts an organization manages (Keycloak's managed members): its owner and admins create them and
/// look after them, by the rank rules, as platform administrators do for every account. Outsiders get 404;
/// refusals by rank, or for an account that is not the organization's, get 403; state refusals 409.
/// </summary>
public static class OrganizationAccountsApi
{
    public static IEndpointRouteBuilder MapOrganizationAccountsApi(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/organizations/{organizationId:guid}/accounts").WithTags("Organization accounts")
            .RequireOwnerInPerson()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/", Create).ProducesProblem(StatusCodes.Status409Conflict).WithName("OrganizationCreateAccount")
            .WithSummary("Create an account the organization manages; the person becomes a member")
            .WithDescription("For the owner and admins. With temporaryPassword the account is active and must change it at first login; "
                + "without, it is pending and the address gets a link to set a password. Membership makes the person a member (rank member) a moment later.");
        accounts.MapGet("/{userId:guid}", Get).WithName("OrganizationGetAccount")
            .WithSummary("A managed account of a member of lower rank (403 when the account is not the organization's to manage)");
        accounts.MapPut("/{userId:guid}", Edit).ProducesProblem(StatusCodes.Status409Conflict).WithName("OrganizationEditAccount")
            .WithSummary("Change a managed account's names and email address")
            .WithDescription("PUT replaces: firstName, lastName and email are required. Names change at once; a new address gets a confirmation link "
                + "and replaces the old one only when it is followed (pendingEmail in the answer).");
        accounts.MapPost("/{userId:guid}/password-reset", ResetPassword).ProducesProblem(StatusCodes.Status409Conflict).WithName("OrganizationResetAccountPassword")
            .WithSummary("Email a reset link (mode link), or set a temporary password that must be changed at the next login (mode temporary)");
        Move(accounts, "suspend", AccountMove.Suspend, "Suspend the account: it cannot log in; every session ends");
        Move(accounts, "reactivate", AccountMove.Reactivate, "Lift the account's suspension");
        Move(accounts, "unlock", AccountMove.Unlock, "Lift a lockout after failed logins");
        Move(accounts, "archive", AccountMove.Archive, "Archive the account: out of use; every session ends");
        Move(accounts, "restore", AccountMove.Restore, "Bring an archived account back to its state before archiving");
        Move(accounts, "delete", AccountMove.Delete, "Delete an archived account: personal data is anonymized, the id stays");
        return routes;
    }

    public static async Task<Results<Created<ManagedAccountResponse>, ValidationProblem, ProblemHttpResult>> Create(
        Guid organizationId, CreateManagedAccountRequest request, HttpContext context, OrganizationAccounts accounts, UserAdministration admin,
        PasswordRules rules, CancellationToken cancellationToken)
    {
        var caller = await accounts.CallerAsync(context.User.UserId(), organizationId, cancellationToken);
        if (caller is null) return UnknownOrganization();
        if (caller.RefusalToCreateAccounts() is { } refusal) return AdminProblems.Forbidden(refusal.Reason);

        var errors = new Dictionary<string, string[]>();
        var (email, firstName, lastName) = AdminUsersApi.CheckDetails(request.Email, request.FirstName, request.LastName, errors);
        if (request.TemporaryPassword is not null && rules.Check(request.TemporaryPassword, new PasswordContext(email, firstName, lastName)) is { } problem)
        {
            errors["temporaryPassword"] = [problem];
        }

        if (errors.Count > 0) return Problems.Validation(errors);
        var (result, user) = await admin.CreateAsync(email, firstName, lastName, request.TemporaryPassword, caller.UserId, cancellationToken, organizationId);
        return result is AdministrationResult.Done
            ? TypedResults.Created($"/organizations/{organizationId}/accounts/{user!.Id}", ManagedAccountResponse.From(user, organizationId))
            : AdminProblems.EmailTaken();
    }

    public static async Task<Results<Ok<ManagedAccountResponse>, ProblemHttpResult>> Get(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccounts accounts, CancellationToken cancellationToken)
    {
        var (_, account, problem) = await ResolveAsync(organizationId, userId, context, accounts, cancellationToken);
        return problem ?? (Results<Ok<ManagedAccountResponse>, ProblemHttpResult>)TypedResults.Ok(ManagedAccountResponse.From(account!, organizationId));
    }

    public static async Task<Results<Ok<ManagedAccountResponse>, ValidationProblem, ProblemHttpResult>> Edit(
        Guid organizationId, Guid userId, EditUserRequest request, HttpContext context, OrganizationAccounts accounts, CancellationToken cancellationToken)
    {
        var (caller, account, problem) = await ResolveAsync(organizationId, userId, context, accounts, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        var (email, firstName, lastName) = AdminUsersApi.CheckDetails(request.Email, request.FirstName, request.LastName, errors);
        if (errors.Count > 0) return Problems.Validation(errors);

        var pending = email == account!.Email ? null : email;
        return await accounts.EditAsync(account, firstName, lastName, email, caller!.UserId, cancellationToken) is AdministrationResult.Done
            ? TypedResults.Ok(ManagedAccountResponse.From(account, organizationId) with { PendingEmail = pending })
            : AdminProblems.EmailTaken();
    }

    public static async Task<Results<Ok<AdminPasswordResetResponse>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        Guid organizationId, Guid userId, AdminPasswordResetRequest request, HttpContext context, OrganizationAccounts accounts,
        UserAdministration admin, PasswordRules rules, CancellationToken cancellationToken)
    {
        var (caller, account, problem) = await ResolveAsync(organizationId, userId, context, accounts, cancellationToken);
        if (problem is not null) return problem;
        if (AdminPasswordResets.Check(request) is { } invalid) return invalid;
        return await AdminPasswordResets.ApplyAsync(account!, request, caller!.UserId, admin, rules, cancellationToken);
    }

    private static void Move(RouteGroupBuilder accounts, string action, AccountMove move, string summary) =>
        accounts.MapPost($"/{{userId:guid}}/{action}", (Guid organizationId, Guid userId, HttpContext context, OrganizationAccounts organization,
                UserAdministration admin, CancellationToken cancellationToken) => MoveAsync(organizationId, userId, move, context, organization, admin, cancellationToken))
            .ProducesProblem(StatusCodes.Status409Conflict).WithName($"Organization{move}Account").WithSummary(summary);

    public static async Task<Results<Ok<ManagedAccountResponse>, ProblemHttpResult>> MoveAsync(
        Guid organizationId, Guid userId, AccountMove move, HttpContext context, OrganizationAccounts accounts, UserAdministration admin,
        CancellationToken cancellationToken)
    {
        var (caller, account, problem) = await ResolveAsync(organizationId, userId, context, accounts, cancellationToken);
        if (problem is not null) return problem;
        var change = await admin.ChangeStateAsync(account!, move, caller!.UserId, cancellationToken);
        return change.Succeeded ? TypedResults.Ok(ManagedAccountResponse.From(account!, organizationId)) : AdminProblems.Refused(change.Refusal!);
    }

    /// <summary>The caller and the account they may manage, or the problem that answers instead.</summary>
    private static async Task<(OrganizationMembership? Caller, User? Account, ProblemHttpResult? Problem)> ResolveAsync(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccounts accounts, CancellationToken cancellationToken)
    {
        var caller = await accounts.CallerAsync(context.User.UserId(), organizationId, cancellationToken);
        if (caller is null) return (null, null, UnknownOrganization());
        var (account, refusal) = await accounts.TargetAsync(caller, userId, cancellationToken);
        return refusal switch
        {
            null => (caller, account, null),
            { NotAMember: true } => (caller, null, AdminProblems.UnknownMember(refusal.Reason)),
            _ => (caller, null, AdminProblems.Forbidden(refusal.Reason)),
        };
    }

    private static ProblemHttpResult UnknownOrganization() =>
        AdminProblems.UnknownOrganization("You are not an active member of an organization with this id, or it is archived.");
}

/// <summary>Email is the login; without temporaryPassword the address gets a link to set one.</summary>
public sealed record CreateManagedAccountRequest(string? FirstName, string? LastName, string? Email, string? TemporaryPassword);

public sealed record ManagedAccountResponse(
    Guid Id, Guid OrganizationId, string Email, string FirstName, string LastName, string State, bool EmailVerified,
    bool PasswordChangeRequired, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, DateTimeOffset? LockedUntil, DateTimeOffset? DeletedAt,
    string? PendingEmail = null)
{
    public static ManagedAccountResponse From(User user, Guid organizationId) => new(
        user.Id, organizationId, user.Email, user.FirstName, user.LastName, User.Name(user.State), user.EmailVerifiedAt is not null,
        user.MustChangePassword, user.CreatedAt, user.LastLoginAt, user.State == UserState.Locked ? user.LockedUntil : null, user.DeletedAt);
}
