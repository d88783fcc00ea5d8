namespace Platform.Contracts.Identity;

public sealed record EmailChanged(Guid UserId, string OldEmail, string NewEmail, DateTimeOffset ChangedAt);
