using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>A verified address lets the person create organizations.</summary>
public sealed class EmailVerifiedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<EmailVerifiedConsumer> logger)
    : IdempotentConsumer<EmailVerified, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailVerified message, ConsumeContext<EmailVerified> context) =>
        (await Db.Users.SingleOrDefaultAsync(u => u.Id == message.UserId, context.CancellationToken))?.MarkVerified();
}

/// <summary>A suspended, archived or deleted account shows so in all its memberships.</summary>
public sealed class UserStateChangedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserStateChangedConsumer> logger)
    : IdempotentConsumer<UserStateChanged, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserStateChanged message, ConsumeContext<UserStateChanged> context) =>
        (await Db.Users.SingleOrDefaultAsync(u => u.Id == message.UserId, context.CancellationToken))?.ChangeAccountState(message.To);
}

/// <summary>
/// Keeps each person's last login, for member lists and access reviews. Logins of one person are
/// consumed concurrently, so "forward only" (DirectoryUser.RecordLogin's rule) is one conditional
/// UPDATE: the row lock orders the writers and each re-checks the condition, where a read-then-save
/// would let an older login overwrite a newer one.
/// </summary>
public sealed class UserLoggedInConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserLoggedInConsumer> logger)
    : IdempotentConsumer<UserLoggedIn, MembershipDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(UserLoggedIn message, ConsumeContext<UserLoggedIn> context) =>
        Db.Users.Where(u => u.Id == message.UserId && (u.LastLoginAt == null || u.LastLoginAt < message.LoggedInAt))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastLoginAt, message.LoggedInAt), context.CancellationToken);
}
