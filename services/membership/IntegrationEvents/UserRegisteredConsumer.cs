using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

public sealed class UserRegisteredConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserRegisteredConsumer> logger)
    : IdempotentConsumer<UserRegistered, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context)
    {
        // The inbox stops a redelivered message; this stops a second event about the same account.
        if (await Db.Users.AnyAsync(u => u.Id == message.UserId, context.CancellationToken)) return;
        Db.Users.Add(DirectoryUser.FromRegistration(message.UserId, message.Email, message.FirstName, message.LastName, message.RegisteredAt));
    }
}
