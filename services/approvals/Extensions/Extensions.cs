using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.IntegrationEvents;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInternalTokenAuthentication();
        builder.AddServiceDatabase<ApprovalsDbContext>("approvalsdb");
        builder.AddPlatformMessaging<ApprovalsDbContext>(bus =>
        {
            bus.AddConsumer<UserRegisteredConsumer>();
            bus.AddConsumer<EmailChangedConsumer>();
            bus.AddConsumer<UserProfileChangedConsumer>();
            bus.AddConsumer<UserDeletedConsumer>();
            bus.AddConsumer<UserStateChangedConsumer>();
            bus.AddConsumer<OrganizationCreatedConsumer>();
            bus.AddConsumer<OrganizationArchivedConsumer>();
            bus.AddConsumer<OwnershipTransferredConsumer>();
            bus.AddConsumer<MembershipGrantedConsumer>();
            bus.AddConsumer<MembershipRoleChangedConsumer>();
            bus.AddConsumer<MembershipStateChangedConsumer>();
            bus.AddConsumer<MembershipRevokedConsumer>();
            bus.AddConsumer<MemberUnitsChangedConsumer>();
            bus.AddConsumer<RoleGrantedConsumer>();
            bus.AddConsumer<RoleRevokedConsumer>();
            bus.AddConsumer<CustomRoleChangedConsumer>();
            bus.AddConsumer<UnitRoleGrantedConsumer>();
            bus.AddConsumer<UnitRoleRevokedConsumer>();
            bus.AddConsumer<UnitCreatedConsumer>();
            bus.AddConsumer<UnitRenamedConsumer>();
            bus.AddConsumer<UnitMovedConsumer>();
            bus.AddConsumer<UnitDeletedConsumer>();
        });
        builder.Services.AddScoped<CallerAccess>();
        builder.Services.AddScoped<RequestEventPublisher>();
        builder.Services.AddScoped<Reassignment>();
        builder.Services.AddScoped<ExpirySweep>();
        builder.Services.Configure<ExpiryOptions>(builder.Configuration.GetSection(ExpiryOptions.SectionName));
        builder.Services.AddHostedService<ExpiryWorker>();
        builder.Services.AddOpenApi();
    }
}
