using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Apis;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("/", Register)
            .AllowAnonymous()
            .WithName("Register")
            .WithSummary("Sign up with email, password and name")
            .WithDescription("Always answers 202 with the same body, whether or not the email is already registered.");
        accounts.MapGet("/me", GetMine)
            .WithName("GetMyAccount")
            .WithSummary("The caller's own account");
        return routes;
    }

    public static async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem>> Register(
        RegisterAccountRequest request, IdentityDbContext db, IEventOutbox outbox, PasswordHasher hasher,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Registration.TryCreate(request.Email, request.Password, request.FirstName, request.LastName, out var registration, out var errors))
        {
            return TypedResults.ValidationProblem(errors, type: Platform.ServiceDefaults.Problems.ProblemTypes.Validation);
        }

        // Hash before looking the email up: a taken address costs the same time as a new one.
        var passwordHash = hasher.Hash(registration.Password);
        if (!await db.Users.AnyAsync(u => u.Email == registration.Email, cancellationToken))
        {
            var user = User.Register(registration, passwordHash, time.GetUtcNow());
            db.Users.Add(user);
            outbox.Add(new UserRegistered(user.Id, user.Email, user.FirstName, user.LastName, user.CreatedAt));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent sign-up with the same email won; answer exactly as for a taken address.
            }
        }

        return TypedResults.Accepted((string?)null, RegistrationAccepted.Instance);
    }

    public static async Task<Results<Ok<AccountResponse>, NotFound>> GetMine(
        HttpContext context, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountResponse(u.Id, u.Email, u.FirstName, u.LastName, u.State.ToString().ToLowerInvariant(), u.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(account);
    }
}

public sealed record RegisterAccountRequest(string? Email, string? Password, string? FirstName, string? LastName);

public sealed record RegistrationAccepted(string Status, string Detail)
{
    public static readonly RegistrationAccepted Instance = new(
        "accepted", "If this address can be registered, an email with the next step is on its way.");
}

public sealed record AccountResponse(Guid Id, string Email, string FirstName, string LastName, string State, DateTimeOffset CreatedAt);
