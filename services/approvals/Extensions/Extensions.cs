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
            bus.AddConsumer<UserDeletedConsumer>();
        });
        builder.Services.AddOpenApi();
    }
}
