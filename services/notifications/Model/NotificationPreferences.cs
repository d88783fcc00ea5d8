namespace Platform.Notifications.Model;

/// <summary>
/// Which optional emails a user receives; a user without a row receives them all. Security and
/// transactional emails are not preferences: <see cref="Set"/> refuses to turn them off.
/// </summary>
public sealed class NotificationPreferences
{
    public Guid UserId { get; private set; }
    public bool GroupMessages { get; private set; } = true;
    public bool Digests { get; private set; } = true;
    public DateTimeOffset UpdatedAt { get; private set; }

    private NotificationPreferences() { }

    public static NotificationPreferences Default(Guid userId) => new() { UserId = userId };

    public bool Receives(EmailCategory category) => category switch
    {
        EmailCategory.GroupMessages => GroupMessages,
        EmailCategory.Digests => Digests,
        _ => true,
    };

    /// <summary>False (and nothing changes) when <paramref name="category"/> cannot be turned off.</summary>
    public bool Set(EmailCategory category, bool receive, DateTimeOffset now)
    {
        if (!receive && !category.CanOptOut())
        {
            return false;
        }

        switch (category)
        {
            case EmailCategory.GroupMessages: GroupMessages = receive; break;
            case EmailCategory.Digests: Digests = receive; break;
        }

        UpdatedAt = now;
        return true;
    }
}
