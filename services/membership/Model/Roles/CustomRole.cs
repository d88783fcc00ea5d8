namespace Platform.Membership.Model.Roles;

/// <summary>
/// An organization's named set of permissions (a "Dispatcher", an "Accountant", a "Finances"
/// workgroup), granted to members over a scope by <see cref="RoleGrant"/>s.
/// </summary>
public sealed class CustomRole
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxPermissions = 100;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Names are unique per organization regardless of case.</summary>
    public string NormalizedName { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<string> Permissions { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private CustomRole() { }

    public static CustomRole Define(Guid organizationId, string name, string description, IEnumerable<string> permissions, DateTimeOffset now)
    {
        var role = new CustomRole { Id = Guid.CreateVersion7(now), OrganizationId = organizationId, CreatedAt = now };
        role.Redefine(name, description, permissions, now);
        return role;
    }

    public void Redefine(string name, string description, IEnumerable<string> permissions, DateTimeOffset now)
    {
        Name = name;
        NormalizedName = Normalize(name);
        Description = description;
        Permissions = permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        UpdatedAt = now;
    }

    /// <summary>The permissions a redefinition would add (those it keeps or drops give nobody more).</summary>
    public IReadOnlyList<string> Added(IEnumerable<string> permissions) => permissions.Except(Permissions, StringComparer.Ordinal).ToList();

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
