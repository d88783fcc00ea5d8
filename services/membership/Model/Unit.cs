namespace Platform.Membership.Model;

/// <summary>
/// A node of an organization's tree (branch, department, team, workgroup, order group: the label is
/// the organization's). <see cref="Path"/> holds the ids from the root down (<c>/a/b/c/</c>), so a
/// subtree is a prefix match.
/// </summary>
public sealed class Unit
{
    public const int MaxNameLength = 200;
    public const int MaxDepth = 20;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Name { get; private set; } = "";
    public string Label { get; private set; } = "";
    public string Path { get; private set; } = "";
    /// <summary>Values of the organization's unit fields (<see cref="Organization.UnitCustomFields"/>): an order group's contact person, a branch's code.</summary>
    public Dictionary<string, string> CustomFields { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private Unit() { }

    public static Unit Create(Guid organizationId, Unit? parent, string name, string label, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new Unit
        {
            Id = id,
            OrganizationId = organizationId,
            ParentId = parent?.Id,
            Name = name,
            Label = label,
            Path = $"{parent?.Path ?? "/"}{id:N}/",
            CreatedAt = now,
        };
    }

    public int Depth => Path.Count(c => c == '/') - 1;

    public bool Contains(Unit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    public void Rename(string name, string label)
    {
        Name = name;
        Label = label;
    }

    /// <summary>
    /// Replaces the unit's custom field values, trimmed (a blank one is no value), when they fit the organization's
    /// unit fields; otherwise changes nothing and returns the field's key and why. Returns whether they changed.
    /// </summary>
    public ((string Key, string Problem)? Refusal, bool Changed) SetCustomFields(Organization organization, IReadOnlyDictionary<string, string> values)
    {
        var trimmed = values.Select(v => (v.Key, Value: v.Value.Trim())).Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => v.Value);
        if (CustomFieldValues.Check(organization.UnitCustomFields, trimmed, enforceRequired: true) is { } refusal) return (refusal, false);
        var changed = trimmed.Count != CustomFields.Count || trimmed.Except(CustomFields).Any();
        CustomFields = trimmed;
        return (null, changed);
    }

    /// <summary>Moves this unit (and, by the caller, its subtree) under <paramref name="parent"/>; refuses cycles.</summary>
    public string? MoveUnder(Unit? parent)
    {
        if (parent is not null && (parent.OrganizationId != OrganizationId)) return "A unit moves only within its organization.";
        if (parent is not null && Contains(parent)) return "A unit cannot move under itself or one of its own units.";
        ParentId = parent?.Id;
        return null;
    }

    /// <summary>Rewrites the path after this unit or an ancestor moved.</summary>
    public void Rebase(string oldPrefix, string newPrefix) => Path = newPrefix + Path[oldPrefix.Length..];
}
