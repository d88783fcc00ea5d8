using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Organizations;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.IntegrationEvents;
using Platform.Notifications.Model;
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
            bus.AddConsumer<GroupMessagePostedConsumer>();
            bus.AddConsumer<InvitationCreatedConsumer>();
            bus.AddConsumer<ApprovalRequestedConsumer>();
            bus.AddConsumer<ApprovalStepAdvancedConsumer>();
            bus.AddConsumer<ExternalApprovalLinkIssuedConsumer>();
            bus.AddConsumer<ApprovalDecidedConsumer>();
            bus.AddConsumer<ApprovalExpiredConsumer>();
            bus.AddConsumer<UserRegisteredConsumer>();
            bus.AddConsumer<EmailChangedConsumer>();
            bus.AddConsumer<UserProfileChangedConsumer>();
            bus.AddConsumer<UserDeletedConsumer>();
            bus.AddConsumer<MembershipGrantedConsumer>();
            bus.AddConsumer<MembershipRoleChangedConsumer>();
            bus.AddConsumer<MembershipStateChangedConsumer>();
            bus.AddConsumer<MembershipRevokedConsumer>();
            bus.AddConsumer<OwnershipTransferredConsumer>();
            bus.AddConsumer<OrganizationArchivedConsumer>();
            bus.AddConsumers(WebhookEventTypes.ByContract.Keys.Select(contract => typeof(WebhookEventConsumer<>).MakeGenericType(contract)).ToArray());
        });
        builder.Services.AddOpenApi();
        builder.AddEmail();
        builder.AddWebhooks();
    }

    private static void AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.SectionName));
        builder.Services.AddSingleton(SmtpSettings.FromConnectionString(
            builder.Configuration.GetConnectionString("smtp") ?? throw new InvalidOperationException("ConnectionStrings:smtp is not configured.")));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<EmailLinks>();
        builder.Services.AddScoped<EmailQueue>();
        // Built now, not on first use: a missing key, template folder or English file stops the start, not the first email.
        builder.Services.AddSingleton(UnsubscribeTokens.FromConfiguration(builder.Configuration, builder.Environment));
        var email = builder.Configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        builder.Services.AddSingleton(new TemplateRenderer(Path.Combine(AppContext.BaseDirectory, email.TemplatesDirectory)));
        builder.Services.AddHostedService<EmailDeliveryWorker>();
    }

    private static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebhookOptions.SectionName);
        builder.Services.Configure<WebhookOptions>(section);
        if (section.GetValue<bool>(nameof(WebhookOptions.AllowInsecureHttp)) && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Webhooks:AllowInsecureHttp is for development only: signed payloads still travel readable over http.");
        }

        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddHttpClient(WebhookOptions.HttpClientName, (services, client) =>
            {
                client.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Platform-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                // Every connection goes through the address check, to the address it checked.
                ConnectCallback = services.GetRequiredService<WebhookTargets>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            })
            // ServiceDefaults gives every HttpClient the standard resilience handler and service discovery.
            // Neither belongs here: our own schedule decides when to retry (and logs each attempt), and a
            // tenant's URL must never resolve through our service names (https://identity/…).
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        builder.Services.AddHostedService<WebhookDeliveryWorker>();
    }
}
