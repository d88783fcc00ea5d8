using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model;
using Platform.Contracts.Identity;
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

/// <summary>Drops this service's copy of a deleted account's personal data (the id stays for history); their pending steps move on.</summary>
public sealed class UserDeletedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserDeletedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<UserDeleted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserDeleted message, ConsumeContext<UserDeleted> context)
    {
        var person = await Db.Approvers.SingleOrDefaultAsync(p => p.UserId == message.UserId, context.CancellationToken);
        if (person is null) Db.Approvers.Add(Approver.Unregistered(message.UserId, "deleted", message.DeletedAt));
        else person.Forget();
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewAsync(message.UserId, null, context.CancellationToken);
    }
}

/// <summary>A suspended, archived or deleted account decides nothing: its pending steps move on in every organization.</summary>
public sealed class UserStateChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserStateChangedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<UserStateChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserStateChanged message, ConsumeContext<UserStateChanged> context)
    {
        var person = await Db.Approvers.SingleOrDefaultAsync(p => p.UserId == message.UserId, context.CancellationToken);
        if (person is null) Db.Approvers.Add(Approver.Unregistered(message.UserId, message.To, message.ChangedAt));
        else person.ChangeAccountState(message.To);
        await Db.SaveChangesAsync(context.CancellationToken);
        if (Approver.IsBlocked(message.To.ToLowerInvariant())) await reassignment.ReviewAsync(message.UserId, null, context.CancellationToken);
    }
}
