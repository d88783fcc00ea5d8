namespace Platform.Approvals.Model.Directory;

/// <summary>An organization as approvals knows it from membership's events.</summary>
public sealed class OrganizationCopy
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool Archived { get; private set; }

    private OrganizationCopy() { }

    public static OrganizationCopy Created(Guid id, string name) => new() { Id = id, Name = name };

    public void Archive() => Archived = true;
}
