using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Platform.Identity.Application;
using Platform.Identity.Infrastructure;
using Platform.Identity.IntegrationEvents;
using Platform.Identity.Model;
using Platform.Identity.OpenIdConnect;
using Platform.Identity.Sessions;
using Platform.Identity.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Identity.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInternalTokenAuthentication();
        builder.AddServiceDatabase<IdentityDbContext>("identitydb");
        builder.AddPlatformMessaging<IdentityDbContext>(bus =>
        {
            bus.AddConsumer<InvitationCreatedConsumer>();
            bus.AddConsumer<OrganizationCreatedConsumer>();
            bus.AddConsumer<OrganizationArchivedConsumer>();
            bus.AddConsumer<OrganizationSecurityChangedConsumer>();
            bus.AddConsumer<OwnershipTransferredConsumer>();
            bus.AddConsumer<MembershipGrantedConsumer>();
            bus.AddConsumer<MembershipRoleChangedConsumer>();
            bus.AddConsumer<MembershipStateChangedConsumer>();
            bus.AddConsumer<MembershipRevokedConsumer>();
            bus.AddConsumer<RoleGrantedConsumer>();
            bus.AddConsumer<RoleRevokedConsumer>();
            bus.AddConsumer<CustomRoleChangedConsumer>();
        });
        builder.AddPlatformRedis();
        builder.Services.AddOpenApi();
        builder.Services.AddHttpContextAccessor();

        var accounts = builder.Configuration.GetSection(AccountOptions.SectionName);
        builder.Services.Configure<AccountOptions>(accounts);
        builder.Services.Configure<BrowserSessionOptions>(builder.Configuration.GetSection(BrowserSessionOptions.SectionName));
        var options = accounts.Get<AccountOptions>() ?? new AccountOptions();
        builder.Services.AddSingleton(PasswordHasher.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton(_ => new PasswordRules(PasswordBlocklist.LoadShipped(), options.MinPasswordLength, options.ProductName));

        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SessionCookie>();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<AccountChanges>();
        builder.Services.AddScoped<AccountTokens>();
        builder.Services.AddScoped<SignUp>();
        builder.Services.AddScoped<EmailVerification>();
        builder.Services.AddScoped<Login>();
        builder.Services.AddScoped<PasswordReset>();
        builder.Services.AddScoped<EmailChange>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<PlatformAdministrators>();
        builder.Services.AddScoped<OrganizationAccounts>();
        builder.Services.AddScoped<TokenIntrospection>();
        builder.Services.AddScoped<TwoFactor>();
        builder.Services.AddScoped<InvitationSignUp>();
        builder.Services.AddScoped<OrganizationMemberships>();
        builder.Services.AddScoped<ImpersonationStart>();
        builder.Services.AddDataProtection().SetApplicationName("platform-identity");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((keys, scopes) => keys.XmlRepository = new DatabaseKeyRepository(scopes));
        builder.Services.AddSingleton<TotpSecretProtection>();
        builder.Services.AddSingleton<TwoFactorChallenges>();
        builder.Services.AddHostedService<InitialAdministrator>();
        builder.Services.AddSingleton<LinkRequestQueue>();
        builder.Services.AddHostedService<LinkRequestWorker>();
        builder.AddOpenIdConnectProvider();
    }
}
