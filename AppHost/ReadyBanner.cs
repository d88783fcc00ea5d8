using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>Once every resource is healthy, prints the addresses a person wants: the gateway's, the console's, the inbox, the dashboard's login.</summary>
internal static class ReadyBanner
{
    public static void PrintWhenHealthy(this IDistributedApplicationBuilder builder, params IResourceBuilder<IResource>[] resources)
    {
        var clock = Stopwatch.StartNew();
        builder.Services.AddHostedService(services => new Printer(
            clock, resources.Select(r => r.Resource).ToList(),
            services.GetRequiredService<ResourceNotificationService>(), builder.Configuration));
    }

    private sealed class Printer(Stopwatch clock, List<IResource> resources, ResourceNotificationService notifications, IConfiguration configuration)
        : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            foreach (var resource in resources)
            {
                await notifications.WaitForResourceHealthyAsync(resource.Name, stoppingToken);
            }

            var lines = new List<string> { $"Platform ready in {clock.Elapsed.TotalSeconds:0.0} s:" };
            foreach (var resource in resources)
            {
                if (notifications.TryGetCurrentState(resource.Name, out var state))
                {
                    // A named page (the console, the API reference, the inbox) is labelled by its name, the rest by the resource's.
                    lines.AddRange(state.Snapshot.Urls.Where(u => !u.IsInternal).Select(u =>
                        $"  {(u.DisplayProperties.DisplayName is { Length: > 0 } name ? name : resource.Name),-14} {u.Url}"));
                }
            }

            if ((configuration["ASPNETCORE_URLS"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))?.Split(';')[0] is { Length: > 0 } dashboard)
            {
                var token = configuration["AppHost:BrowserToken"];
                lines.Add($"  {"dashboard",-14} {dashboard}{(token is null ? "" : $"/login?t={token}")}");
            }

            Console.WriteLine(string.Join(Environment.NewLine, lines));
        }
    }
}
