using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ (<c>ConnectionStrings:rabbitmq</c>) with kebab-case endpoints, a short
    /// retry before the <c>_error</c> queue, and the outbox and inbox kept in <typeparamref name="TDbContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging<TDbContext>(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
        var section = builder.Configuration.GetSection(MessagingOptions.SectionName);
        builder.Services.Configure<MessagingOptions>(section);
        var prefix = (section.Get<MessagingOptions>() ?? new MessagingOptions()).Prefix;
        // Each service's queues carry its name: consumers of one event in different services must
        // each get every message, not compete for it on a shared queue.
        var service = ServiceName(builder.Environment.ApplicationName);
        var endpointPrefix = prefix.Length > 0 ? $"{prefix}-{service}-" : $"{service}-";

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddScoped<IEventOutbox, EventOutbox<TDbContext>>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            addConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                if (prefix.Length > 0)
                {
                    rabbit.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix + "."));
                }

                // Transient faults (a deadlock, a dropped connection) usually pass within a second or
                // two; what still fails goes to the endpoint's _error queue instead of blocking it.
                rabbit.UseMessageRetry(retry => retry.Intervals(100, 500, 1000, 2000));
                rabbit.ConfigureEndpoints(context);
            });
        });

        // After the bus: hosted services stop in reverse order, so on SIGTERM the dispatcher finishes its
        // batch while the bus can still publish it, instead of marking the batch failed for a later retry.
        builder.Services.AddHostedService<OutboxDispatcher<TDbContext>>();
        return builder;
    }

    /// <summary><c>Platform.Notifications</c> → <c>notifications</c>.</summary>
    internal static string ServiceName(string applicationName) =>
        applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();
}
