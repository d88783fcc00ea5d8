using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Apis;

/// <summary>The kebab-case names the API uses for the model's enums, both ways; numbers are not accepted.</summary>
internal static class ApproverSources
{
    private static readonly Dictionary<string, ApproverSource> ByName = new()
    {
        ["role"] = ApproverSource.Role,
        ["unit-managers"] = ApproverSource.UnitManagers,
        ["named-people"] = ApproverSource.NamedPeople,
        ["external-nominee"] = ApproverSource.ExternalNominee,
    };

    public static bool TryParse(string? name, out ApproverSource source) => ByName.TryGetValue(name ?? "", out source);

    public static string Name(ApproverSource source) => ByName.First(p => p.Value == source).Key;
}

internal static class Escalations
{
    private static readonly Dictionary<string, Escalation> ByName = new()
    {
        ["next-step"] = Escalation.NextStep,
        ["organization-admins"] = Escalation.OrganizationAdmins,
        ["none"] = Escalation.None,
    };

    public static bool TryParse(string? name, out Escalation escalation) => ByName.TryGetValue(name ?? "", out escalation);

    public static string Name(Escalation escalation) => ByName.First(p => p.Value == escalation).Key;
}

internal static class States
{
    public static string Name(RequestState state) => state.ToString().ToLowerInvariant();

    public static string Name(AssignmentState state) => state.ToString().ToLowerInvariant();
}
