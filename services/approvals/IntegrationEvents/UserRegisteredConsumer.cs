using MassTransit;
using Platform.Approvals.Infrastructure;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

/// <summary>A new account's address and name; if a later event about it came first, the registration fills in what is older.</summary>
public sealed class UserRegisteredConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserRegisteredConsumer> logger)
    : IdempotentConsumer<UserRegistered, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context) =>
        (await Db.LockApproverAsync(message.UserId, message.RegisteredAt, context.CancellationToken))
            .Register(message.Email, message.FirstName, message.LastName, message.RegisteredAt);
}
