namespace Platform.Approvals.Model.Requests;

public enum Escalation
{
    /// <summary>An expired step moves to the next step (or, at the last one, to the organization's admins).</summary>
    NextStep,
    /// <summary>An expired step goes to the organization's admins.</summary>
    OrganizationAdmins,
    /// <summary>The request expires.</summary>
    None,
}

/// <summary>How one organization approves one type of request.</summary>
public sealed record ApprovalPolicy(
    Guid OrganizationId,
    string RequestType,
    IReadOnlyList<PolicyStep> Steps,
    decimal? AutoApproveBelow = null,
    string? Currency = null,
    TimeSpan? StepExpiry = null,
    Escalation Escalation = Escalation.NextStep,
    IReadOnlyList<string>? ExternalDomains = null,
    bool RequesterMayNominate = false)
{
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(7);

    public TimeSpan Expiry => StepExpiry ?? DefaultExpiry;

    public IEnumerable<string> Problems()
    {
        if (Steps.Count == 0) yield return "A policy has at least one step.";
        foreach (var problem in Steps.Select(s => s.Problem()).OfType<string>()) yield return problem;
        if (Steps.Any(s => s.Source == ApproverSource.ExternalNominee) && !RequesterMayNominate)
            yield return "A step with an external approver needs the requester to be allowed to nominate one.";
        if (AutoApproveBelow is not null && Currency is null) yield return "Automatic approval under an amount needs its currency.";
        if (Expiry < TimeSpan.FromMinutes(5) || Expiry > TimeSpan.FromDays(365)) yield return "A step expires after 5 minutes to 365 days.";
    }

    /// <summary>Whether an address may be nominated: the policy allows nominations and the domain is listed.</summary>
    public bool AllowsExternal(string email)
    {
        if (!RequesterMayNominate || ExternalDomains is not { Count: > 0 }) return false;
        var domain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        return ExternalDomains.Any(allowed => string.Equals(allowed.TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }

    public bool ApprovesAutomatically(decimal? amount, string? currency) =>
        AutoApproveBelow is { } limit && amount is { } value && value < limit && string.Equals(currency, Currency, StringComparison.OrdinalIgnoreCase);
}
