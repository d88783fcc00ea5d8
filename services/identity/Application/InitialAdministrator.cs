using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Application;

/// <summary>
/// The first platform administrator, from <c>Accounts:InitialAdminEmail</c>, only while no
/// administrator exists. There is no default password: the address gets a set-password link.
/// </summary>
internal sealed partial class InitialAdministrator(IServiceScopeFactory scopes, IOptions<AccountOptions> options, TimeProvider time, ILogger<InitialAdministrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(options.Value.InitialAdminEmail, out var email)) return;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (await db.Users.AnyAsync(u => u.IsPlatformAdmin, cancellationToken)) return;

        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            user = User.CreateByAdministrator(email, "Platform", "Administrator", initialPasswordHash: null, time.GetUtcNow());
            db.Users.Add(user);
            await scope.ServiceProvider.GetRequiredService<PasswordReset>().SendLinkAsync(user, accountSetup: true);
        }

        user.GrantPlatformAdmin();
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "{Email} is now a platform administrator (Accounts:InitialAdminEmail); a set-password link was sent if the account is new")]
    private partial void LogCreated(string email);
}
