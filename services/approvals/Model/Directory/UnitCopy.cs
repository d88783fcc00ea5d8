namespace Platform.Approvals.Model.Directory;

/// <summary>A unit of an organization's tree (branch, department, team), for walking up to its managers.</summary>
public sealed class UnitCopy
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid? ParentUnitId { get; private set; }
    public string Name { get; private set; } = "";

    private UnitCopy() { }

    public static UnitCopy Created(Guid organizationId, Guid id, Guid? parentUnitId, string name) =>
        new() { OrganizationId = organizationId, Id = id, ParentUnitId = parentUnitId, Name = name };

    public void Rename(string name) => Name = name;

    public void Move(Guid? parentUnitId) => ParentUnitId = parentUnitId;
}

/// <summary>A member belongs to a unit.</summary>
public sealed record UnitMembership(Guid OrganizationId, Guid UserId, Guid UnitId);
