using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>A new account enters the directory with its address, name and language.</summary>
public sealed class UserRegisteredConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<UserRegisteredConsumer> logger)
    : IdempotentConsumer<UserRegistered, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken))
            .Register(message.Email, message.FirstName, message.Locale, message.RegisteredAt);
}

/// <summary>Keeps the directory's address current, and the old one for anonymizing its deliveries later.</summary>
public sealed class EmailChangedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<EmailChangedConsumer> logger)
    : IdempotentConsumer<EmailChanged, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailChanged message, ConsumeContext<EmailChanged> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken))
            .ChangeEmail(message.OldEmail, message.NewEmail, message.ChangedAt);
}

/// <summary>
/// Greets the person by their new name, in their new language; the approvers of their requests read
/// the new name from then on (a request made after the change already carries it).
/// </summary>
public sealed class UserProfileChangedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<UserProfileChangedConsumer> logger)
    : IdempotentConsumer<UserProfileChanged, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserProfileChanged message, ConsumeContext<UserProfileChanged> context)
    {
        var user = await Db.LockUserAsync(message.UserId, context.CancellationToken);
        user.ChangeProfile(message.FirstName, message.Locale, message.ChangedAt);
        if (user.Deleted)
        {
            return;
        }

        var name = ApprovalRequester.Shorten($"{message.FirstName.Trim()} {message.LastName.Trim()}".Trim());
        await Db.ApprovalRequesters.Where(r => r.RequesterId == message.UserId && r.RequestedAt <= message.ChangedAt)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.RequesterName, name), context.CancellationToken);
    }
}

/// <summary>
/// Forgets a deleted account: its directory entry keeps only the id, its preferences and its name on
/// approval requests go, and the delivery
/// log keeps of its emails only what the statistics need (state, template, times), with the recipient
/// masked and the rendered copies dropped. Emails still waiting are not sent.
/// </summary>
public sealed class UserDeletedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<UserDeletedConsumer> logger)
    : IdempotentConsumer<UserDeleted, NotificationsDbContext>(db, clock, logger)
{
    private const int ChunkSize = 500;

    protected override async Task HandleAsync(UserDeleted message, ConsumeContext<UserDeleted> context)
    {
        var cancellationToken = context.CancellationToken;
        var user = await Db.LockUserAsync(message.UserId, cancellationToken);
        var addresses = user.Addresses.ToArray();
        user.Forget(message.DeletedAt);
        await Db.Preferences.Where(p => p.UserId == message.UserId).ExecuteDeleteAsync(cancellationToken);
        await Db.ApprovalRequesters.Where(r => r.RequesterId == message.UserId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.RequesterName, ""), cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        if (addresses.Length == 0)
        {
            return;
        }

        var now = Time.GetUtcNow();
        while (true)
        {
            // Locked: a worker sending one of them right now finishes first, and its outcome is what is kept.
            var deliveries = await Db.Deliveries
                .FromSql($"""SELECT * FROM "EmailDeliveries" WHERE "Recipient" = ANY({addresses}) LIMIT {ChunkSize} FOR UPDATE""")
                .ToListAsync(cancellationToken);
            if (deliveries.Count == 0)
            {
                return;
            }

            deliveries.ForEach(d => d.Anonymize(message.UserId, now));
            await Db.SaveChangesAsync(cancellationToken);
            Db.ChangeTracker.Clear();
        }
    }
}
