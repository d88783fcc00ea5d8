namespace Platform.Identity.Model;

/// <summary>The outcome of asking an account to change state: the move made, or why it was refused.</summary>
public sealed record StateChange(UserState From, UserState To, string? Refusal = null)
{
    public bool Succeeded => Refusal is null;

    public static StateChange Refused(UserState state, string reason) => new(state, state, reason);

    /// <summary>
    /// Whether the account's sessions must end: it may no longer be used. A lockout is not such a
    /// move: it stops password guessing, and ending the owner's sessions would let a guesser log
    /// them out at will (Keycloak does not either).
    /// </summary>
    public bool EndsSessions => Succeeded && To is UserState.Suspended or UserState.Archived or UserState.Deleted;
}
