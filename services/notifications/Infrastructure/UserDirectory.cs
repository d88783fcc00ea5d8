using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.Infrastructure;

/// <summary>The people this service knows from identity's events (<see cref="DirectoryUser"/>).</summary>
public static class UserDirectory
{
    /// <summary>Row-locks (or creates) the person's entry, so two events about them apply one after the other.</summary>
    public static Task<DirectoryUser> LockUserAsync(this NotificationsDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.LockOrAddAsync(userId, () => DirectoryUser.Unknown(userId), cancellationToken);

    /// <summary>The language of the person at <paramref name="address"/>, when this service knows them and it.</summary>
    public static Task<string?> LocaleOfAsync(this NotificationsDbContext db, string address, CancellationToken cancellationToken)
    {
        var normalized = EmailDelivery.NormalizeAddress(address);
        return db.DirectoryUsers.Where(u => u.Email == normalized && !u.Deleted && u.Locale != null)
            .Select(u => u.Locale).FirstOrDefaultAsync(cancellationToken);
    }
}
