namespace Platform.Membership.Model.Access;

/// <summary>What one person may try to do to another member: the columns of the delegation table.</summary>
public enum AdminAction
{
    /// <summary>Bring someone new into the organization (an invitation, an import).</summary>
    Invite,
    /// <summary>Give a member a rank (the target rank is the one being granted).</summary>
    GrantRank,
    ChangeMember,
    Suspend,
    Remove,
    /// <summary>Act on the member's account through identity: suspend it, send a password reset.</summary>
    ManageAccount,
}
