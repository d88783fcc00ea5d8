namespace Platform.Contracts.Identity;

/// <summary>
/// The account's name or language changed (by its owner or an administrator). Every copy follows it,
/// last writer by <see cref="ChangedAt"/> per field, so an older event arriving late changes nothing.
/// </summary>
public sealed record UserProfileChanged(
    Guid UserId,
    string FirstName,
    string LastName,
    DateTimeOffset ChangedAt,
    string? Locale = null);
