namespace Platform.Approvals.Model.Requests;

/// <summary>Where a step's approvers come from.</summary>
public enum ApproverSource
{
    /// <summary>Everyone holding a rank (or a custom role) in the organization.</summary>
    Role,
    /// <summary>The managers of the requester's units, walking up the tree until someone is found.</summary>
    UnitManagers,
    /// <summary>Named people.</summary>
    NamedPeople,
    /// <summary>An outside address the requester nominates; decides through a one-time link.</summary>
    ExternalNominee,
}
