using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Approvals;
using Platform.Contracts.Membership;
using Platform.Membership.Apis;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Approvals;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>
/// Grants what an approved request asked for: joining a restricted organization
/// (<c>membership.join</c>) or a higher rank (<c>role.elevation</c>); the approvals service decided
/// who may approve it, so membership only checks that the grant still makes sense (the organization
/// is active, never ownership, units of that organization, an elevation only raises). The format of
/// Subject.ExternalId is on <see cref="ApprovedGrant"/>. Rejected requests and other subjects are
/// ignored; what cannot be granted is logged and dropped, since retrying will not change it. The
/// inbox makes a redelivery a no-op, and an already granted join or rank is left as it is. A decided
/// membership.join, approved or rejected, is no longer pending: the person may ask again.
/// </summary>
public sealed class ApprovalDecidedConsumer(MembershipDbContext db, IEventOutbox outbox, TimeProvider clock, ILogger<ApprovalDecidedConsumer> logger)
    : IdempotentConsumer<ApprovalDecided, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ApprovalDecided message, ConsumeContext<ApprovalDecided> context)
    {
        if (message.Subject.Type == ApprovedGrant.Join)
            await JoinRequestClaims.Concluded(Db, message.OrganizationId, message.RequestId, message.RequesterId, context.CancellationToken);
        if (message.Outcome != "approved" || message.Subject.Type is not (ApprovedGrant.Join or ApprovedGrant.Elevation)) return;
        var (grant, problem) = ApprovedGrant.Parse(message.Subject.Type, message.Subject.ExternalId);
        if (grant is null)
        {
            logger.LogWarning("Approval {RequestId}: cannot grant {Type} '{ExternalId}': {Problem}", message.RequestId, message.Subject.Type, message.Subject.ExternalId, problem);
            return;
        }

        if (grant.UserId != message.RequesterId)
        {
            // People ask to join or to rise themselves; bringing in or promoting others is an invitation or an admin's change.
            logger.LogWarning("Approval {RequestId}: {Type} for {UserId} was requested by {RequesterId}; nothing granted",
                message.RequestId, message.Subject.Type, grant.UserId, message.RequesterId);
            return;
        }

        var cancellationToken = context.CancellationToken;
        var organization = await Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == message.OrganizationId, cancellationToken);
        if (organization is not { State: OrganizationState.Active })
        {
            logger.LogWarning("Approval {RequestId}: organization {OrganizationId} is missing or archived; nothing granted", message.RequestId, message.OrganizationId);
            return;
        }

        var now = Time.GetUtcNow();
        var member = await Db.Members.SingleOrDefaultAsync(m => m.OrganizationId == organization.Id && m.UserId == grant.UserId, cancellationToken);
        if (grant.Kind == ApprovedGrant.Join) await JoinAsync(message, grant, member, organization, now, cancellationToken);
        else await ElevateAsync(message, grant, member, now, cancellationToken);
    }

    private async Task JoinAsync(ApprovalDecided message, ApprovedGrant grant, Member? member, Organization organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (member is not null) return;
        var email = await Db.Users.Where(u => u.Id == grant.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            // The directory learns of accounts from identity's events; retrying lets a late UserRegistered arrive first.
            throw new InvalidOperationException($"Approval {message.RequestId}: account {grant.UserId} is not in the directory yet.");
        }

        if (!organization.AllowsEmail(email.ToLowerInvariant()))
        {
            logger.LogWarning("Approval {RequestId}: {UserId}'s address is outside {OrganizationId}'s allowed domains; nothing granted",
                message.RequestId, grant.UserId, message.OrganizationId);
            return;
        }

        var units = await Db.Units.AsNoTracking().Where(u => u.OrganizationId == message.OrganizationId && grant.UnitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var joined = Member.Join(message.OrganizationId, grant.UserId, grant.Rank, now);
        joined.PlaceIn(units);
        Db.Members.Add(joined);
        outbox.Add(new MembershipGranted(message.OrganizationId, grant.UserId, Ranks.Name(grant.Rank), null, message.DeciderId, now));
        if (units.Count > 0) outbox.Add(MemberEvents.UnitsChanged(joined, now));
    }

    private async Task ElevateAsync(ApprovalDecided message, ApprovedGrant grant, Member? member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (member is null)
        {
            logger.LogWarning("Approval {RequestId}: {UserId} is not a member of {OrganizationId}; no rank to raise", message.RequestId, grant.UserId, message.OrganizationId);
            return;
        }

        if (member.Rank >= grant.Rank) return;
        // The delegation rules hold here too: nobody grants a rank at or above their own.
        var deciderRank = message.DeciderId is { } deciderId
            ? await Db.Members.Where(m => m.OrganizationId == message.OrganizationId && m.UserId == deciderId && m.State == MemberState.Active)
                .Select(m => (Rank?)m.Rank).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (deciderRank is not { } rank || rank <= grant.Rank)
        {
            logger.LogWarning("Approval {RequestId}: {DeciderId} may not grant {Rank}; nothing granted", message.RequestId, message.DeciderId, grant.Rank);
            return;
        }

        var before = member.Rank;
        member.ChangeRank(grant.Rank, member.ScopeUnitId);
        // An external approver or an automatic approval has no account: the actor is then Guid.Empty.
        outbox.Add(new MembershipRoleChanged(message.OrganizationId, grant.UserId, Ranks.Name(before), Ranks.Name(grant.Rank), member.ScopeUnitId, message.DeciderId ?? Guid.Empty, now));
    }
}
