namespace Platform.Identity.Model;

/// <summary>The outcome of granting or revoking a role on an account: changed, already so, or refused with the reason.</summary>
public sealed record RoleChange(bool Succeeded, bool Changes, string? Refusal = null)
{
    public static readonly RoleChange Changed = new(true, true);
    public static readonly RoleChange Unchanged = new(true, false);

    public static RoleChange Refused(string reason) => new(false, false, reason);
}
