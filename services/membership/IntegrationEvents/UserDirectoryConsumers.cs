using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>Keeps this service's copy of an account's address current.</summary>
public sealed class EmailChangedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<EmailChangedConsumer> logger)
    : IdempotentConsumer<EmailChanged, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailChanged message, ConsumeContext<EmailChanged> context)
    {
        var person = await Db.Users.SingleOrDefaultAsync(p => p.Id == message.UserId, context.CancellationToken);
        person?.ChangeEmail(message.NewEmail);
    }
}

/// <summary>Drops this service's copy of a deleted account's personal data; the id stays for history.</summary>
public sealed class UserDeletedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserDeletedConsumer> logger)
    : IdempotentConsumer<UserDeleted, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserDeleted message, ConsumeContext<UserDeleted> context)
    {
        var person = await Db.Users.SingleOrDefaultAsync(p => p.Id == message.UserId, context.CancellationToken);
        person?.Forget();
    }
}
