using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Apis;

/// <summary>How an organization approves each type of request; kept by its owner and admins.</summary>
public static partial class PoliciesApi
{
    public const int MaxSteps = 10;
    public const int MaxPeoplePerStep = 50;
    public const int MaxDomains = 50;

    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder routes)
    {
        var policies = routes.MapGroup("/organizations/{organizationId:guid}/policies").WithTags("Policies");
        policies.MapGet("/", List).WithName("ListPolicies").WithSummary("The organization's approval policies (owner and admins)");
        policies.MapGet("/{type}", Get).WithName("GetPolicy").WithSummary("The policy for one type of request (owner and admins)");
        policies.MapPut("/{type}", Put).WithName("PutPolicy").WithSummary("Create or replace the policy for one type of request (owner and admins)")
            .WithDescription("PUT replaces the whole policy: steps are required, and any other field left out takes its default. "
                + "Requests already under way keep the steps they were made with.");
        policies.MapDelete("/{type}", Delete).WithName("DeletePolicy").WithSummary("Remove a policy; requests of this type can no longer be made");
        return routes;
    }

    public static async Task<Results<Ok<List<PolicyResponse>>, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, CallerAccess access, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (await AdminAsync(organizationId, context, access, cancellationToken) is { } refusal) return refusal;
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.RequestType).ToListAsync(cancellationToken);
        return TypedResults.Ok(policies.Select(PolicyResponse.From).ToList());
    }

    public static async Task<Results<Ok<PolicyResponse>, ProblemHttpResult>> Get(
        Guid organizationId, string type, HttpContext context, CallerAccess access, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (await AdminAsync(organizationId, context, access, cancellationToken) is { } refusal) return refusal;
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId && p.RequestType == type, cancellationToken);
        return policy is null ? Problems.NotFound("Policy") : TypedResults.Ok(PolicyResponse.From(policy));
    }

    public static async Task<Results<Ok<PolicyResponse>, ValidationProblem, ProblemHttpResult>> Put(
        Guid organizationId, string type, PolicyInput input, HttpContext context, CallerAccess access, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (await AdminAsync(organizationId, context, access, cancellationToken) is { } refusal) return refusal;
        var (policy, errors) = input.ToPolicy(organizationId, type);
        if (errors.Count > 0) return Problems.Validation(errors);
        var named = policy!.Steps.SelectMany(s => s.People ?? []).Distinct().ToList();
        var members = await db.Members.Where(m => m.OrganizationId == organizationId && named.Contains(m.UserId)).CountAsync(cancellationToken);
        if (members < named.Count) return Problems.Validation("steps", "Every named approver must be a member of this organization.");

        var existing = await db.Policies.SingleOrDefaultAsync(p => p.OrganizationId == organizationId && p.RequestType == type, cancellationToken);
        if (existing is null) db.Policies.Add(policy!);
        else db.Entry(existing).CurrentValues.SetValues(policy!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("The policy was created by another call at the same moment; send the request again.");
        }

        return TypedResults.Ok(PolicyResponse.From(policy!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid organizationId, string type, HttpContext context, CallerAccess access, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (await AdminAsync(organizationId, context, access, cancellationToken) is { } refusal) return refusal;
        var deleted = await db.Policies.Where(p => p.OrganizationId == organizationId && p.RequestType == type).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("Policy") : TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> AdminAsync(Guid organizationId, HttpContext context, CallerAccess access, CancellationToken cancellationToken)
    {
        var caller = await access.InOrganizationAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        return caller.IsAdmin ? null : Problems.Forbidden("Only the organization's owner and admins manage approval policies.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    public static partial Regex TypePattern();
}

public sealed record PolicyStepInput(string? Name, string? Source, int? RequiredApprovals, string? Role, List<Guid>? People);

public sealed partial record PolicyInput(
    List<PolicyStepInput?>? Steps, decimal? AutoApproveBelow, string? Currency, int? StepExpiryMinutes, string? Escalation,
    List<string?>? ExternalDomains, bool? RequesterMayNominate)
{
    public (ApprovalPolicy? Policy, Dictionary<string, string[]> Errors) ToPolicy(Guid organizationId, string type)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PoliciesApi.TypePattern().IsMatch(type)) errors["type"] = ["Lowercase letters, digits, '.', '_' and '-', up to 100 characters (for example order or membership.join)."];
        if (Steps is not { Count: > 0 and <= PoliciesApi.MaxSteps }) errors["steps"] = [$"From 1 to {PoliciesApi.MaxSteps} steps."];
        var steps = new List<PolicyStep>();
        for (var i = 0; i < (Steps?.Count ?? 0) && i < PoliciesApi.MaxSteps; i++)
        {
            var step = Steps![i];
            if (step is null || string.IsNullOrWhiteSpace(step.Name) || step.Name.Length > 100) { errors[$"steps[{i}].name"] = ["A name of 1 to 100 characters."]; continue; }
            if (!ApproverSources.TryParse(step.Source, out var source)) { errors[$"steps[{i}].source"] = ["One of role, unit-managers, named-people, external-nominee."]; continue; }
            if (step.Role is { Length: > 100 }) { errors[$"steps[{i}].role"] = ["Up to 100 characters."]; continue; }
            if (step.People is { Count: > PoliciesApi.MaxPeoplePerStep }) { errors[$"steps[{i}].people"] = [$"Up to {PoliciesApi.MaxPeoplePerStep} people."]; continue; }
            if (step.RequiredApprovals is < 1 or > PoliciesApi.MaxPeoplePerStep) { errors[$"steps[{i}].requiredApprovals"] = [$"From 1 to {PoliciesApi.MaxPeoplePerStep}."]; continue; }
            steps.Add(new PolicyStep(step.Name.Trim(), source, step.RequiredApprovals ?? 1, step.Role?.Trim(), step.People?.Distinct().ToList()));
        }

        var escalation = Model.Requests.Escalation.NextStep;
        if (Escalation is not null && !Escalations.TryParse(Escalation, out escalation)) errors["escalation"] = ["One of next-step, organization-admins, none."];
        if (Currency is not null && !RequestInput.CurrencyPattern().IsMatch(Currency)) errors["currency"] = ["A three-letter ISO 4217 code in capitals, such as EUR."];
        if (AutoApproveBelow is < 0) errors["autoApproveBelow"] = ["Zero or more."];
        if (ExternalDomains is { Count: > PoliciesApi.MaxDomains }) errors["externalDomains"] = [$"Up to {PoliciesApi.MaxDomains} domains."];
        else if (ExternalDomains?.Any(d => d is null || !DomainPattern().IsMatch(d.TrimStart('@'))) == true) errors["externalDomains"] = ["Domain names such as client.example."];
        if (errors.Count > 0) return (null, errors);

        var policy = new ApprovalPolicy(organizationId, type, steps, AutoApproveBelow, Currency,
            StepExpiryMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null, escalation,
            ExternalDomains?.Select(d => d!.TrimStart('@').ToLowerInvariant()).Distinct().ToList(), RequesterMayNominate ?? false);
        var problems = policy.Problems().ToArray();
        if (problems.Length > 0) errors["policy"] = problems;
        return (errors.Count > 0 ? null : policy, errors);
    }

    [GeneratedRegex("^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$")]
    private static partial Regex DomainPattern();
}

public sealed record PolicyStepResponse(string Name, string Source, int RequiredApprovals, string? Role, IReadOnlyList<Guid>? People);

public sealed record PolicyResponse(
    Guid OrganizationId, string Type, IReadOnlyList<PolicyStepResponse> Steps, decimal? AutoApproveBelow, string? Currency,
    int StepExpiryMinutes, string Escalation, IReadOnlyList<string> ExternalDomains, bool RequesterMayNominate)
{
    public static PolicyResponse From(ApprovalPolicy p) => new(
        p.OrganizationId, p.RequestType,
        p.Steps.Select(s => new PolicyStepResponse(s.Name, ApproverSources.Name(s.Source), s.RequiredApprovals, s.Role, s.People)).ToList(),
        p.AutoApproveBelow, p.Currency, (int)p.Expiry.TotalMinutes, Escalations.Name(p.Escalation), p.ExternalDomains ?? [], p.RequesterMayNominate);
}
