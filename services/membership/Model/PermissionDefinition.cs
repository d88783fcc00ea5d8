namespace Platform.Membership.Model;

/// <summary>
/// One key of the permission catalogue: the built-in ones (<see cref="Permissions.BuiltIn"/>, seeded
/// by migration) and those client apps register for themselves. Custom roles draw only on this list.
/// </summary>
public sealed class PermissionDefinition
{
    public const int MaxDescriptionLength = 500;

    public string Key { get; private set; } = "";
    public string Description { get; private set; } = "";
    public bool BuiltIn { get; private set; }
    /// <summary>Null for the built-in keys, which are there from the first migration.</summary>
    public DateTimeOffset? RegisteredAt { get; private set; }
    public Guid? RegisteredBy { get; private set; }

    private PermissionDefinition() { }

    public static PermissionDefinition Register(string key, string description, Guid registeredBy, DateTimeOffset now) => new()
    {
        Key = key,
        Description = description,
        RegisteredAt = now,
        RegisteredBy = registeredBy,
    };
}
