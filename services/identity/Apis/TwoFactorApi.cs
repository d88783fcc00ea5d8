using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Application;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Apis;

/// <summary>My two-factor login: enrol, confirm, regenerate recovery codes, disable. Changes need the password.</summary>
public static class TwoFactorApi
{
    public static IEndpointRouteBuilder MapTwoFactorApi(this IEndpointRouteBuilder routes)
    {
        var twoFactor = routes.MapGroup("/account/two-factor").WithTags("My account").RequireOwnerInPerson();
        twoFactor.MapPost("/", Enrol).WithName("EnrolTwoFactor")
            .WithSummary("Start two-factor enrolment (needs my password): a TOTP secret, its otpauth URI and a QR code (PNG, base64)");
        twoFactor.MapPost("/confirm", Confirm).WithName("ConfirmTwoFactor")
            .WithSummary("Turn two-factor on with a first valid code; answers the ten recovery codes, shown this once");
        twoFactor.MapPost("/recovery-codes", RegenerateRecoveryCodes).WithName("RegenerateRecoveryCodes")
            .WithSummary("Replace my recovery codes (needs my password); the old ones stop working");
        twoFactor.MapDelete("/", Disable).WithName("DisableTwoFactor").WithSummary("Turn two-factor off (needs my password); ends my other sessions");
        return routes;
    }

    public static async Task<Results<Ok<TwoFactorEnrolment>, ValidationProblem, ProblemHttpResult, NotFound>> Enrol(
        PasswordRequest request, HttpContext context, IdentityDbContext db, PasswordHasher hasher, TwoFactor twoFactor, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        if (!hasher.Verify(request.Password ?? "", user.PasswordHash)) return Problems.Validation("password", "The password is not correct.");
        return await twoFactor.EnrolAsync(user, cancellationToken) is { } enrolment ? TypedResults.Ok(enrolment) : AlreadyEnabled();
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ValidationProblem, NotFound>> Confirm(
        TwoFactorCodeRequest request, HttpContext context, IdentityDbContext db, TwoFactor twoFactor, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        if (user.PendingTwoFactorSecret is null) return Problems.Validation("code", "Start the enrolment first (POST /account/two-factor).");
        return await twoFactor.ConfirmAsync(user, request.Code, cancellationToken) is { } codes
            ? TypedResults.Ok(new RecoveryCodesResponse(codes))
            : Problems.Validation("code", "The code is not valid; check the authenticator's clock and try the current code.");
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ValidationProblem, ProblemHttpResult, NotFound>> RegenerateRecoveryCodes(
        PasswordRequest request, HttpContext context, IdentityDbContext db, PasswordHasher hasher, TwoFactor twoFactor, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        if (!hasher.Verify(request.Password ?? "", user.PasswordHash)) return Problems.Validation("password", "The password is not correct.");
        if (!user.TwoFactorEnabled) return NotEnabled();
        return TypedResults.Ok(new RecoveryCodesResponse(await twoFactor.RegenerateRecoveryCodesAsync(user, cancellationToken)));
    }

    public static async Task<Results<Ok<EndedResponse>, ValidationProblem, ProblemHttpResult, NotFound>> Disable(
        [FromBody] PasswordRequest request, HttpContext context, IdentityDbContext db, PasswordHasher hasher, TwoFactor twoFactor,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == context.User.UserId(), cancellationToken);
        if (user is null) return TypedResults.NotFound();
        if (!hasher.Verify(request.Password ?? "", user.PasswordHash)) return Problems.Validation("password", "The password is not correct.");
        if (!user.TwoFactorEnabled) return NotEnabled();
        var current = context.User.FindFirst(InternalClaims.SessionId)?.Value;
        return TypedResults.Ok(new EndedResponse(await twoFactor.DisableAsync(user, current, cancellationToken)));
    }

    private static ProblemHttpResult AlreadyEnabled() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict,
        title: "Two-factor login is already on.", detail: "Turn it off first (needs your password) to enrol another authenticator.");

    private static ProblemHttpResult NotEnabled() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "Two-factor login is off.");
}

public sealed record PasswordRequest(string? Password);
public sealed record TwoFactorCodeRequest(string? Code);
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
