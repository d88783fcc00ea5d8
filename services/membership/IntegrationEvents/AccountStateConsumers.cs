using MassTransit;
using Platform.Contracts.Identity;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>A verified address lets the person create organizations.</summary>
public sealed class EmailVerifiedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<EmailVerifiedConsumer> logger)
    : IdempotentConsumer<EmailVerified, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(EmailVerified message, ConsumeContext<EmailVerified> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken)).MarkVerified(message.Email, message.VerifiedAt);
}

/// <summary>A suspended, archived or deleted account shows so in all its memberships.</summary>
public sealed class UserStateChangedConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserStateChangedConsumer> logger)
    : IdempotentConsumer<UserStateChanged, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserStateChanged message, ConsumeContext<UserStateChanged> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken)).ChangeAccountState(message.To, message.ChangedAt);
}

/// <summary>
/// Keeps each person's last login, for member lists and access reviews. Logins of one person are
/// consumed concurrently: the row lock orders them, and RecordLogin moves forward only.
/// </summary>
public sealed class UserLoggedInConsumer(MembershipDbContext db, TimeProvider clock, ILogger<UserLoggedInConsumer> logger)
    : IdempotentConsumer<UserLoggedIn, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UserLoggedIn message, ConsumeContext<UserLoggedIn> context) =>
        (await Db.LockUserAsync(message.UserId, context.CancellationToken)).RecordLogin(message.LoggedInAt);
}
