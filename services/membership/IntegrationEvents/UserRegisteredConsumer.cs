using MassTransit;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>A new account enters the directory; if a later event about it came first, the registration fills in what is older.</summary>
public sealed class UserRegisteredConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserRegisteredConsumer> logger)
    : IdempotentConsumer<UserRegistered, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken))
            .Register(message.Email, message.FirstName, message.LastName, message.RegisteredAt);
}
