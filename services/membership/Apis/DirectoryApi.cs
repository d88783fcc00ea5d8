using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;

namespace Platform.Membership.Apis;

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder routes)
    {
        var directory = routes.MapGroup("/directory").WithTags("Directory");
        directory.MapGet("/users/{id:guid}", GetUser).WithName("GetDirectoryUser").WithSummary("A person as membership knows them: the caller, or someone in an organization the caller belongs to; 404 otherwise");
        return routes;
    }

    public static async Task<Results<Ok<DirectoryUserResponse>, NotFound>> GetUser(Guid id, HttpContext context, MembershipDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.MaySeeAsync(context.User, id, cancellationToken)) return TypedResults.NotFound();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new DirectoryUserResponse(u.Id, u.Email, u.FirstName, u.LastName, u.RegisteredAt))
            .SingleOrDefaultAsync(cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(user);
    }
}

public sealed record DirectoryUserResponse(Guid Id, string Email, string FirstName, string LastName, DateTimeOffset RegisteredAt);
