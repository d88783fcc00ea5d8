using MassTransit;
using Platform.Contracts.Membership;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.IntegrationEvents;

// Identity's copy of who belongs where (OrganizationProjection): it decides account deletion,
// the active organization, required two-factor, organization impersonation and client-app
// management. Each consumer is idempotent twice over: the inbox drops a redelivered message, and
// the model's timestamps make a second or out-of-order event about the same thing harmless.

public sealed class OrganizationCreatedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<OrganizationCreatedConsumer> logger)
    : IdempotentConsumer<OrganizationCreated, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationCreated message, ConsumeContext<OrganizationCreated> context)
    {
        (await Db.OrganizationAsync(message.OrganizationId, context.CancellationToken)).Rename(message.Name);
        (await Db.MembershipAsync(message.OrganizationId, message.OwnerId, context.CancellationToken)).Grant(OrganizationRank.Owner, message.CreatedAt);
    }
}

public sealed class OrganizationArchivedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<OrganizationArchivedConsumer> logger)
    : IdempotentConsumer<OrganizationArchived, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationArchived message, ConsumeContext<OrganizationArchived> context) =>
        (await Db.OrganizationAsync(message.OrganizationId, context.CancellationToken)).Archive(message.ArchivedAt);
}

public sealed class OrganizationSecurityChangedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<OrganizationSecurityChangedConsumer> logger)
    : IdempotentConsumer<OrganizationSecurityChanged, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationSecurityChanged message, ConsumeContext<OrganizationSecurityChanged> context) =>
        (await Db.OrganizationAsync(message.OrganizationId, context.CancellationToken))
            .ChangeSecurity(message.RequireTwoFactor, message.AdminsMayImpersonate, message.ChangedAt);
}

public sealed class OwnershipTransferredConsumer(IdentityDbContext db, TimeProvider clock, ILogger<OwnershipTransferredConsumer> logger)
    : IdempotentConsumer<OwnershipTransferred, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OwnershipTransferred message, ConsumeContext<OwnershipTransferred> context)
    {
        // The previous owner stays on as an admin (the contract's rule).
        (await Db.MembershipAsync(message.OrganizationId, message.PreviousOwnerId, context.CancellationToken)).ChangeRank(OrganizationRank.Admin, message.TransferredAt);
        (await Db.MembershipAsync(message.OrganizationId, message.NewOwnerId, context.CancellationToken)).ChangeRank(OrganizationRank.Owner, message.TransferredAt);
    }
}

public sealed class MembershipGrantedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<MembershipGrantedConsumer> logger)
    : IdempotentConsumer<MembershipGranted, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipGranted message, ConsumeContext<MembershipGranted> context) =>
        (await Db.MembershipAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .Grant(OrganizationProjection.Rank(message.Rank), message.GrantedAt);
}

public sealed class MembershipRoleChangedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<MembershipRoleChangedConsumer> logger)
    : IdempotentConsumer<MembershipRoleChanged, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipRoleChanged message, ConsumeContext<MembershipRoleChanged> context) =>
        (await Db.MembershipAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .ChangeRank(OrganizationProjection.Rank(message.ToRank), message.ChangedAt);
}

public sealed class MembershipStateChangedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<MembershipStateChangedConsumer> logger)
    : IdempotentConsumer<MembershipStateChanged, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipStateChanged message, ConsumeContext<MembershipStateChanged> context) =>
        (await Db.MembershipAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .ChangeState(suspended: string.Equals(message.State, "suspended", StringComparison.OrdinalIgnoreCase), message.ChangedAt);
}

public sealed class MembershipRevokedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<MembershipRevokedConsumer> logger)
    : IdempotentConsumer<MembershipRevoked, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipRevoked message, ConsumeContext<MembershipRevoked> context) =>
        (await Db.MembershipAsync(message.OrganizationId, message.UserId, context.CancellationToken)).Revoke(message.RevokedAt);
}
