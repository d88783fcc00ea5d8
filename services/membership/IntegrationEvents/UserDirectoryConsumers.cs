using MassTransit;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>Keeps this service's copy of an account's address current.</summary>
public sealed class EmailChangedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<EmailChangedConsumer> logger)
    : IdempotentConsumer<EmailChanged, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailChanged message, ConsumeContext<EmailChanged> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken)).ChangeEmail(message.NewEmail, message.ChangedAt);
}

/// <summary>A new name shows in member lists, group lists and exports.</summary>
public sealed class UserProfileChangedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserProfileChangedConsumer> logger)
    : IdempotentConsumer<UserProfileChanged, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserProfileChanged message, ConsumeContext<UserProfileChanged> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken)).ChangeName(message.FirstName, message.LastName, message.ChangedAt);
}

/// <summary>Drops this service's copy of a deleted account's personal data; the id stays for history.</summary>
public sealed class UserDeletedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserDeletedConsumer> logger)
    : IdempotentConsumer<UserDeleted, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserDeleted message, ConsumeContext<UserDeleted> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken)).Forget(message.DeletedAt);
}
