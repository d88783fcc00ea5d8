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

    /// <summary>What is wrong with a key and description, by field (empty when both are fine): for catalogue keys and organizations' own keys alike.</summary>
    public static Dictionary<string, string[]> Problems(string key, string description)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Permissions.IsValidKey(key)) errors["key"] = [Permissions.KeyRule];
        if (description.Length is 0 or > MaxDescriptionLength || description.Any(char.IsControl))
            errors["description"] = [$"A description of 1 to {MaxDescriptionLength} characters on one line."];
        return errors;
    }
}
