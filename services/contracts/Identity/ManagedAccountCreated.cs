namespace Platform.Contracts.Identity;

/// <summary>
/// An organization's owner or admin created an account for the organization (identity publishes it
/// beside <see cref="UserRegistered"/>): membership makes the person a member of it.
/// </summary>
public sealed record ManagedAccountCreated(
    Guid OrganizationId,
    Guid UserId,
    Guid ActorId,
    DateTimeOffset CreatedAt);
