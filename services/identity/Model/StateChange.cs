namespace Platform.Identity.Model;

/// <summary>The outcome of asking an account to change state: the move made, or why it was refused.</summary>
public sealed record StateChange(UserState From, UserState To, string? Refusal = null)
{
    public bool Succeeded => Refusal is null;

    public static StateChange Refused(UserState state, string reason) => new(state, state, reason);

    /// <summary>Whether the account's sessions must end: it can no longer log in.</summary>
    public bool EndsSessions => Succeeded && To is UserState.Suspended or UserState.Locked or UserState.Archived or UserState.Deleted;
}
