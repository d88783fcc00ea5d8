using MassTransit;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

/// <summary>Keeps this service's copy of an account's address current.</summary>
public sealed class EmailChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<EmailChangedConsumer> logger)
    : IdempotentConsumer<EmailChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailChanged message, ConsumeContext<EmailChanged> context) =>
        (await Db.LockApproverAsync(message.UserId, message.ChangedAt, context.CancellationToken)).ChangeEmail(message.NewEmail, message.ChangedAt);
}

/// <summary>A new name shows in approval lists and in the emails about requests.</summary>
public sealed class UserProfileChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserProfileChangedConsumer> logger)
    : IdempotentConsumer<UserProfileChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserProfileChanged message, ConsumeContext<UserProfileChanged> context) =>
        (await Db.LockApproverAsync(message.UserId, message.ChangedAt, context.CancellationToken)).ChangeName(message.FirstName, message.LastName, message.ChangedAt);
}

/// <summary>Drops this service's copy of a deleted account's personal data (the id stays for history); their pending steps move on.</summary>
public sealed class UserDeletedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserDeletedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<UserDeleted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserDeleted message, ConsumeContext<UserDeleted> context)
    {
        (await Db.LockApproverAsync(message.UserId, message.DeletedAt, context.CancellationToken)).Forget(message.DeletedAt);
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
        var person = await Db.LockApproverAsync(message.UserId, message.ChangedAt, context.CancellationToken);
        person.ChangeAccountState(message.To, message.ChangedAt);
        await Db.SaveChangesAsync(context.CancellationToken);
        if (!person.MayDecide) await reassignment.ReviewAsync(message.UserId, null, context.CancellationToken);
    }
}
