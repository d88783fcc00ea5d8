using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Platform.Identity.Application;
using Platform.Identity.Infrastructure;
using Platform.ServiceDefaults.Authentication;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>TOTP secrets are stored encrypted (Data Protection, keys in the database); secrets stored plain before still work.</summary>
public sealed class TotpSecretEncryptionTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task An_enrolled_secret_is_stored_encrypted_and_logging_in_with_a_code_still_works()
    {
        var user = await service.AdminClient().CreateUserAsync();
        var client = service.Host.CreateClientAs(new InternalIdentity(user.Id()));

        var enrolment = await (await client.PostAsJsonAsync("/account/two-factor", new { password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolment.GetProperty("secret").GetString()!;
        var pending = await service.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id()).Select(u => u.PendingTwoFactorSecret).SingleAsync());
        Assert.StartsWith("dp1:", pending);
        Assert.DoesNotContain(secret, pending);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/account/two-factor/confirm", new { code = Code(secret, TimeSpan.Zero) })).StatusCode);
        var stored = await service.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id()).Select(u => u.TwoFactorSecret).SingleAsync());
        Assert.StartsWith("dp1:", stored);
        Assert.DoesNotContain(secret, stored);

        await LogInWithCodeAsync(user.Email(), secret);
        Assert.True(await service.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));

        // The key ring is in the database: a fresh key manager reading only from there decrypts the secret.
        Assert.Equal(secret, FreshProtection().Reveal(stored!));
    }

    [Fact]
    public async Task A_secret_stored_plain_before_encryption_still_works_and_is_encrypted_at_its_first_use()
    {
        var user = await service.AdminClient().CreateUserAsync();
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        await service.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id()).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.TwoFactorSecret, secret).SetProperty(x => x.TwoFactorEnabledAt, DateTimeOffset.UtcNow)));

        await LogInWithCodeAsync(user.Email(), secret);

        var stored = await service.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id()).Select(u => u.TwoFactorSecret).SingleAsync());
        Assert.StartsWith("dp1:", stored);
        Assert.Equal(secret, service.Host.Services.GetRequiredService<TotpSecretProtection>().Reveal(stored!));
    }

    private async Task LogInWithCodeAsync(string email, string secret)
    {
        var first = await service.LogInAsync(email, Password);
        var challenge = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString();
        // The next step: enrolment used the current one, and each step is accepted once.
        var second = await service.Host.CreateClient().PostAsJsonAsync("/sessions/two-factor", new { challenge, code = Code(secret, TimeSpan.FromSeconds(30)) });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    private TotpSecretProtection FreshProtection()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("platform-identity");
        var scopes = service.Host.Services.GetRequiredService<IServiceScopeFactory>();
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new DatabaseKeyRepository(scopes));
        return new TotpSecretProtection(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }

    private static string Code(string secret, TimeSpan offset) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow + offset);
}
