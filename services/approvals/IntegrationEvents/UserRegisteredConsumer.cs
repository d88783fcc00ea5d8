using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

public sealed class UserRegisteredConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UserRegisteredConsumer> logger)
    : IdempotentConsumer<UserRegistered, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context)
    {
        var known = await Db.Approvers.SingleOrDefaultAsync(a => a.UserId == message.UserId, context.CancellationToken);
        if (known is not null)
        {
            known.CompleteRegistration(message.Email, message.FirstName, message.LastName);
            return;
        }

        Db.Approvers.Add(Approver.FromRegistration(message.UserId, message.Email, message.FirstName, message.LastName, message.RegisteredAt));
    }
}
