namespace Platform.Identity.Model;

/// <summary>
/// Identity's copy of a custom role's name, from membership's events: a role's grants carry its name at the time,
/// its changes the new one, and the latest wins whatever order they arrive in.
/// </summary>
public sealed class KnownRole
{
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset NamedAt { get; private set; } = DateTimeOffset.MinValue;

    private KnownRole() { }

    public static KnownRole Learn(Guid id, Guid organizationId) => new() { Id = id, OrganizationId = organizationId };

    public void Rename(string name, DateTimeOffset at)
    {
        if (at < NamedAt) return;
        Name = name.Length > MaxNameLength ? name[..MaxNameLength] : name;
        NamedAt = at;
    }
}
