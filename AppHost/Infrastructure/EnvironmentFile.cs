using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// For test runs (Infrastructure:Only): once every server is healthy, writes ConnectionStrings__postgres, __redis,
/// __rabbitmq, __smtp and services__smtp__http__0 to Infrastructure:EnvironmentFile, one KEY=VALUE a line. The file
/// appears atomically, so a script may simply wait for it; one left by an earlier run is deleted first.
/// </summary>
public static class EnvironmentFile
{
    public static void WriteWhenHealthy(this IDistributedApplicationBuilder builder, PlatformInfrastructure infrastructure)
    {
        if (infrastructure.Settings.EnvironmentFile is not { } path)
        {
            return;
        }

        File.Delete(path);
        builder.Services.AddHostedService(services => new Writer(path, infrastructure, services.GetRequiredService<ResourceNotificationService>()));
    }

    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ValuesAsync(PlatformInfrastructure infrastructure, CancellationToken cancellationToken)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var server in new[] { infrastructure.Postgres, infrastructure.Redis, infrastructure.RabbitMQ, infrastructure.Smtp })
        {
            var connectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            values.Add(new($"ConnectionStrings__{server.Resource.Name}", connectionString ?? ""));
        }

        values.Add(new($"services__{infrastructure.Smtp.Resource.Name}__http__0", infrastructure.Inbox.Url));
        return values;
    }

    private sealed class Writer(string path, PlatformInfrastructure infrastructure, ResourceNotificationService notifications) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            foreach (var server in new[] { infrastructure.Postgres, infrastructure.Redis, infrastructure.RabbitMQ, infrastructure.Smtp })
            {
                await notifications.WaitForResourceHealthyAsync(server.Resource.Name, stoppingToken);
            }

            var values = await ValuesAsync(infrastructure, stoppingToken);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            await File.WriteAllLinesAsync(temporary, values.Select(v => $"{v.Key}={v.Value}"), stoppingToken);
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"Infrastructure healthy; environment written to {path}");
        }
    }
}
