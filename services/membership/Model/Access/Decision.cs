namespace Platform.Membership.Model.Access;

public sealed record Decision(bool Allowed, string Reason)
{
    public static Decision Allow(string reason) => new(true, reason);
    public static Decision Deny(string reason) => new(false, reason);
}
