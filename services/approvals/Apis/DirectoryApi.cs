using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;

namespace Platform.Approvals.Apis;

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder routes)
    {
        var approvers = routes.MapGroup("/approvers").WithTags("Approvers");
        approvers.MapGet("/{userId:guid}", GetApprover).WithName("GetApprover").WithSummary("A person as approvals knows them");
        return routes;
    }

    public static async Task<Results<Ok<ApproverResponse>, NotFound>> GetApprover(Guid userId, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        var approver = await db.Approvers.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Select(a => new ApproverResponse(a.UserId, a.Email, a.DisplayName, a.KnownSince))
            .SingleOrDefaultAsync(cancellationToken);
        return approver is null ? TypedResults.NotFound() : TypedResults.Ok(approver);
    }
}

public sealed record ApproverResponse(Guid UserId, string Email, string DisplayName, DateTimeOffset KnownSince);
