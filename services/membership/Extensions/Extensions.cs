using Platform.Membership.Infrastructure;
using Platform.Membership.IntegrationEvents;
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
            bus.AddConsumer<UserDeletedConsumer>();
        });
        builder.Services.AddOpenApi();
    }
}
