using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Apis;

/// <summary>A grant request read against the organization: its role, its scope and the unit a unit scope names.</summary>
internal sealed record GrantTerms(CustomRole Role, GrantScope Scope, Unit? ScopeUnit);

/// <summary>What granting a role to a member and to a unit share: reading the request, saving under the unique index.</summary>
internal static class GrantRequests
{
    /// <summary>The request's terms, or a 400 naming the field: a role and a unit must be this organization's.</summary>
    public static async Task<(GrantTerms? Terms, ValidationProblem? Problem)> ReadAsync(
        Guid organizationId, GrantRoleRequest request, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.RoleId is null) errors["roleId"] = ["The role to grant."];
        if (!GrantScopes.TryParse(request.Scope ?? "organization", out var scope)) errors["scope"] = ["One of organization, unit, own."];
        else if (RoleGrant.ScopeProblem(scope, request.UnitId) is { } scopeProblem) errors["unitId"] = [scopeProblem];
        if (errors.Count > 0) return (null, Problems.Validation(errors));
        var role = await db.CustomRoles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.RoleId && r.OrganizationId == organizationId, cancellationToken);
        if (role is null) return (null, Problems.Validation("roleId", "No such role in this organization."));
        var unit = request.UnitId is null ? null
            : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UnitId && u.OrganizationId == organizationId, cancellationToken);
        if (request.UnitId is not null && unit is null) return (null, Problems.Validation("unitId", "No such unit in this organization."));
        return (new GrantTerms(role, scope, unit), null);
    }
}
