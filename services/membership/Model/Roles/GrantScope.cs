namespace Platform.Membership.Model.Roles;

/// <summary>Where a custom role applies (its data scope).</summary>
public enum GrantScope
{
    /// <summary>The whole organization.</summary>
    Organization,
    /// <summary>One unit and its sub-units.</summary>
    Unit,
    /// <summary>The holder's own records only (a client app says whose record it asks about).</summary>
    Own,
}

public static class GrantScopes
{
    public static bool TryParse(string? text, out GrantScope scope) =>
        Enum.TryParse(text, ignoreCase: true, out scope) && Enum.IsDefined(scope) && !int.TryParse(text, out _);

    public static string Name(GrantScope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>How an answer names a grant: "role Dispatcher over unit North and its sub-units".</summary>
    public static string Describe(string grant, GrantScope scope, string? unitName) => scope switch
    {
        GrantScope.Organization => $"{grant} over the whole organization",
        GrantScope.Unit => $"{grant} over unit {unitName ?? "(deleted)"} and its sub-units",
        _ => $"{grant} over own records",
    };
}
