using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;

namespace Platform.Approvals.Apis;

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder routes)
    {
        var approvers = routes.MapGroup("/approvers").WithTags("Approvers");
        approvers.MapGet("/{userId:guid}", GetApprover).WithName("GetApprover").WithSummary("A person as approvals knows them: the caller, or someone in an organization the caller belongs to; 404 otherwise");
        return routes;
    }

    public static async Task<Results<Ok<ApproverResponse>, NotFound>> GetApprover(Guid userId, HttpContext context, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.MaySeeAsync(context.User, userId, cancellationToken)) return TypedResults.NotFound();
        var approver = await db.Approvers.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Select(a => new ApproverResponse(a.UserId, a.Email, a.DisplayName, a.KnownSince))
            .SingleOrDefaultAsync(cancellationToken);
        return approver is null ? TypedResults.NotFound() : TypedResults.Ok(approver);
    }
}

public sealed record ApproverResponse(Guid UserId, string Email, string DisplayName, DateTimeOffset KnownSince);
