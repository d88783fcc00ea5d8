namespace Platform.Contracts.Identity;

/// <summary>Someone logged in (a session began): other services keep "last login" for access reviews and filters.</summary>
public sealed record UserLoggedIn(Guid UserId, DateTimeOffset LoggedInAt);
