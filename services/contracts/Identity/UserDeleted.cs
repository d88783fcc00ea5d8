namespace Platform.Contracts.Identity;

/// <summary>The account's personal data is gone; only its id remains, so history stays intact. Drop every copy.</summary>
public sealed record UserDeleted(Guid UserId, DateTimeOffset DeletedAt);
