using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Apis;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>
/// An account an organization's owner or admin created for it: the person becomes a member (rank member).
/// Ranks live here, so the creator's right is checked again on the authoritative ranks; an organization
/// archived meanwhile, or a creator who lost the rank, gets no member (logged: a retry would not change it).
/// The inbox drops a redelivery, and an existing membership is left as it is.
/// </summary>
public sealed class ManagedAccountCreatedConsumer(MembershipDbContext db, IEventOutbox outbox, TimeProvider clock, ILogger<ManagedAccountCreatedConsumer> logger)
    : IdempotentConsumer<ManagedAccountCreated, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ManagedAccountCreated message, ConsumeContext<ManagedAccountCreated> context)
    {
        var cancellationToken = context.CancellationToken;
        var organization = await Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == message.OrganizationId, cancellationToken);
        var creator = await Db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == message.OrganizationId && m.UserId == message.ActorId, cancellationToken);
        if (organization is not { State: OrganizationState.Active } || creator is not { MayCreateManagedAccounts: true })
        {
            logger.LogWarning("Managed account {UserId}: organization {OrganizationId} is missing or archived, or {ActorId} is not its owner or admin; no membership",
                message.UserId, message.OrganizationId, message.ActorId);
            return;
        }

        if (await Db.Members.AnyAsync(m => m.OrganizationId == message.OrganizationId && m.UserId == message.UserId, cancellationToken)) return;
        var now = Time.GetUtcNow();
        Db.Members.Add(Member.Join(message.OrganizationId, message.UserId, Rank.Member, now));
        outbox.Add(new MembershipGranted(message.OrganizationId, message.UserId, Ranks.Name(Rank.Member), null, message.ActorId, now));
    }
}
