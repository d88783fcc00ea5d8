using MassTransit;
using Platform.Contracts.Membership;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.IntegrationEvents;

// Identity's copy of the custom roles granted to members, for the organizations claim of OpenID tokens. Idempotent
// like the membership projection: the inbox drops redeliveries, and the events' own timestamps order the rest.

public sealed class RoleGrantedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<RoleGrantedConsumer> logger)
    : IdempotentConsumer<RoleGranted, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(RoleGranted message, ConsumeContext<RoleGranted> context)
    {
        (await Db.RoleAsync(message.RoleId, message.OrganizationId, context.CancellationToken)).Rename(message.RoleName, message.GrantedAt);
        (await Db.RoleGrantAsync(message.GrantId, message.OrganizationId, message.UserId, message.RoleId, context.CancellationToken)).Grant(message.GrantedAt);
    }
}

public sealed class RoleRevokedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<RoleRevokedConsumer> logger)
    : IdempotentConsumer<RoleRevoked, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(RoleRevoked message, ConsumeContext<RoleRevoked> context) =>
        (await Db.RoleGrantAsync(message.GrantId, message.OrganizationId, message.UserId, message.RoleId, context.CancellationToken))
            .Revoke(message.RevokedAt);
}

/// <summary>A renamed role keeps its new name; a deleted one arrives as a <see cref="RoleRevoked"/> per grant.</summary>
public sealed class CustomRoleChangedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<CustomRoleChangedConsumer> logger)
    : IdempotentConsumer<CustomRoleChanged, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(CustomRoleChanged message, ConsumeContext<CustomRoleChanged> context) =>
        (await Db.RoleAsync(message.RoleId, message.OrganizationId, context.CancellationToken)).Rename(message.Name, message.ChangedAt);
}
