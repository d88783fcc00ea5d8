using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.IntegrationEvents;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInternalTokenAuthentication();
        builder.AddServiceDatabase<NotificationsDbContext>("notificationsdb");
        builder.AddPlatformMessaging<NotificationsDbContext>(bus => bus.AddConsumer<UserRegisteredConsumer>());
        builder.Services.AddOpenApi();

        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.SectionName));
        builder.Services.AddSingleton(SmtpSettings.FromConnectionString(
            builder.Configuration.GetConnectionString("smtp") ?? throw new InvalidOperationException("ConnectionStrings:smtp is not configured.")));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddHostedService<EmailDeliveryWorker>();
    }
}
