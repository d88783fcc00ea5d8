using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Apis;

/// <summary>
/// An organization's requests as one caller may read them: senior managers (owner, admin, a manager not
/// limited to a unit) and holders of approvals.read read all of them; everyone else those they made or
/// were asked to decide.
/// </summary>
public static class OrganizationRequestsApi
{
    public const int MaxPageSize = 200;

    public static async Task<Results<Ok<RequestPage>, ValidationProblem, ProblemHttpResult>> List(
        Guid organizationId, string? state, int? page, int? pageSize, HttpContext context, CallerAccess access, ApprovalsDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = pageSize ?? 50;
        var number = page ?? 1;
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        if (number < 1) errors["page"] = ["At least 1."];
        RequestState? stateFilter = null;
        if (state is not null)
        {
            if (Enum.TryParse<RequestState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(state, out _)) stateFilter = parsed;
            else errors["state"] = ["One of pending, approved, rejected, cancelled, expired."];
        }

        if (errors.Count > 0) return Problems.Validation(errors);
        var caller = await access.InOrganizationAsync(organizationId, context.User, cancellationToken);
        if (caller?.Membership is null) return Problems.NotFound("Organization");

        var me = caller.UserId;
        var query = db.Requests.AsNoTracking().Where(r => r.OrganizationId == organizationId);
        if (!caller.ReadsEveryRequest) query = query.Where(r => r.RequesterId == me || r.Assignments.Any(a => a.ApproverId == me));
        if (stateFilter is { } wanted) query = query.Where(r => r.State == wanted);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RequestPage(rows.Select(RequestResponse.From).ToList(), number, size, total, caller.ReadsEveryRequest));
    }
}

/// <param name="AllRequests">Whether the caller reads every request of the organization, or only their own and those they were asked.</param>
public sealed record RequestPage(IReadOnlyList<RequestResponse> Items, int Page, int PageSize, int Total, bool AllRequests);
