using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Approvals.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

/// <summary>Keeps this service's copy of an account's address current.</summary>
public sealed class EmailChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<EmailChangedConsumer> logger)
    : IdempotentConsumer<EmailChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailChanged message, ConsumeContext<EmailChanged> context)
    {
        var person = await Db.Approvers.SingleOrDefaultAsync(p => p.UserId == message.UserId, context.CancellationToken);
        person?.ChangeEmail(message.NewEmail);
    }
}

/// <summary>Drops this service's copy of a deleted account's personal data; the id stays for history.</summary>
public sealed class UserDeletedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserDeletedConsumer> logger)
    : IdempotentConsumer<UserDeleted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserDeleted message, ConsumeContext<UserDeleted> context)
    {
        var person = await Db.Approvers.SingleOrDefaultAsync(p => p.UserId == message.UserId, context.CancellationToken);
        person?.Forget();
    }
}
