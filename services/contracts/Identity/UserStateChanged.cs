namespace Platform.Contracts.Identity;

/// <summary>
/// An account moved between states (pending, active, inactive, suspended, locked, archived, deleted),
/// lowercase names. <see cref="ActorId"/> is the administrator, or null when the account or the system did it.
/// </summary>
public sealed record UserStateChanged(Guid UserId, string From, string To, string Reason, Guid? ActorId, DateTimeOffset ChangedAt);
