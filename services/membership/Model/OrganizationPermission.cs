namespace Platform.Membership.Model;

/// <summary>
/// A permission key one organization defines for itself (Foodsoft's <c>finances.manage</c>): usable in
/// that organization's custom roles and asked about through the authorization check like a catalogue
/// key, invisible to every other organization. Its owner and admins hold it by rank.
/// </summary>
public sealed class OrganizationPermission
{
    public Guid OrganizationId { get; private set; }
    public string Key { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Guid DefinedBy { get; private set; }
    public DateTimeOffset DefinedAt { get; private set; }

    private OrganizationPermission() { }

    public static OrganizationPermission Define(Guid organizationId, string key, string description, Guid definedBy, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId,
        Key = key,
        Description = description,
        DefinedBy = definedBy,
        DefinedAt = now,
    };
}
