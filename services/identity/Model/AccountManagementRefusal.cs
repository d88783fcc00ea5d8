namespace Platform.Identity.Model;

/// <summary>Why an organization's member may not manage an account: the target is not its member (404), or the rules forbid it (403).</summary>
public sealed record AccountManagementRefusal(bool NotAMember, string Reason)
{
    public static AccountManagementRefusal Unknown(string reason) => new(true, reason);
    public static AccountManagementRefusal Forbidden(string reason) => new(false, reason);
}
