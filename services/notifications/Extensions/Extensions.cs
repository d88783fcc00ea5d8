using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.IntegrationEvents;
using Platform.Notifications.Templates;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInternalTokenAuthentication();
        builder.AddServiceDatabase<NotificationsDbContext>("notificationsdb");
        builder.AddPlatformMessaging<NotificationsDbContext>(bus =>
        {
            bus.AddConsumer<EmailVerificationRequestedConsumer>();
            bus.AddConsumer<EmailVerifiedConsumer>();
            bus.AddConsumer<SignUpAttemptedForExistingAccountConsumer>();
            bus.AddConsumer<PasswordResetRequestedConsumer>();
            bus.AddConsumer<PasswordChangedConsumer>();
            bus.AddConsumer<EmailChangeRequestedConsumer>();
            bus.AddConsumer<UserLockedOutConsumer>();
        });
        builder.Services.AddOpenApi();

        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.SectionName));
        builder.Services.AddSingleton(SmtpSettings.FromConnectionString(
            builder.Configuration.GetConnectionString("smtp") ?? throw new InvalidOperationException("ConnectionStrings:smtp is not configured.")));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<EmailLinks>();
        // Built now, not on first use: a missing template folder or English file stops the start, not the first email.
        var email = builder.Configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        builder.Services.AddSingleton(new TemplateRenderer(Path.Combine(AppContext.BaseDirectory, email.TemplatesDirectory)));
        builder.Services.AddHostedService<EmailDeliveryWorker>();
    }
}
