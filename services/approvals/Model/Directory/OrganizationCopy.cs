namespace Platform.Approvals.Model.Directory;

/// <summary>An organization as approvals knows it from membership's events.</summary>
public sealed class OrganizationCopy
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool Archived { get; private set; }

    private OrganizationCopy() { }

    /// <summary>An organization first heard of from any event; its name comes with its creation.</summary>
    public static OrganizationCopy Unknown(Guid id) => new() { Id = id };

    public void Learn(string name) => Name = name;

    public void Archive() => Archived = true;
}
