using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.IntegrationEvents;
using Platform.Membership.Model.Imports;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInternalTokenAuthentication();
        builder.AddServiceDatabase<MembershipDbContext>("membershipdb");
        builder.AddPlatformMessaging<MembershipDbContext>(bus =>
        {
            bus.AddConsumer<UserRegisteredConsumer>();
            bus.AddConsumer<EmailChangedConsumer>();
            bus.AddConsumer<UserProfileChangedConsumer>();
            bus.AddConsumer<UserDeletedConsumer>();
            bus.AddConsumer<EmailVerifiedConsumer>();
            bus.AddConsumer<UserStateChangedConsumer>();
            bus.AddConsumer<UserLoggedInConsumer>();
            bus.AddConsumer<ApprovalDecidedConsumer>();
            bus.AddConsumer<JoinRequestExpiredConsumer>();
            bus.AddConsumer<JoinRequestCancelledConsumer>();
            bus.AddConsumer<ManagedAccountCreatedConsumer>();
        });
        builder.Services.AddScoped<OrganizationAccess>();
        builder.Services.AddScoped<AccessExplanation>();
        builder.Services.AddScoped<GroupAudience>();
        // Service discovery and the standard resilience handler come from ServiceDefaults' HttpClient defaults.
        builder.Services.AddHttpClient<IdentityAccounts>(http => http.BaseAddress = new Uri(IdentityAccounts.BaseAddress));
        builder.Services.AddHttpClient<ApprovalsRequests>(http => http.BaseAddress = new Uri(ApprovalsRequests.BaseAddress));
        builder.Services.AddScoped<InvitedCaller>();
        builder.Services.AddScoped<JoinRequestClaims>();
        builder.Services.Configure<InvitationOptions>(builder.Configuration.GetSection("Invitations"));
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection("Imports"));
        builder.Services.AddScoped<ImportPreview>();
        builder.Services.AddScoped<ImportCommitter>();
        builder.Services.AddSingleton<ImportSignal>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddOpenApi();
    }
}
