using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database from <c>ConnectionStrings:{name}</c>, with a readiness check;
    /// transient faults (a restart) are retried by <see cref="TransientRetryStrategy"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string name)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");
        builder.Services.AddDbContext<TDbContext>(options => options.UseNpgsql(connectionString,
            npgsql => npgsql.ExecutionStrategy(dependencies => new TransientRetryStrategy(dependencies))));
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>(name);
        return builder;
    }

    /// <summary>
    /// Applies committed migrations: at start in Development (or with <c>Database:MigrateAtStart</c>),
    /// and as a one-off step with <c>--migrate</c> (production: a Kubernetes job before the rollout).
    /// Returns true when the process should exit after migrating.
    /// </summary>
    public static async Task<bool> MigrateDatabaseAsync<TDbContext>(this WebApplication app, string[] args)
        where TDbContext : DbContext
    {
        var migrateOnly = args.Contains("--migrate");
        var atStart = app.Configuration.GetValue<bool?>("Database:MigrateAtStart") ?? app.Environment.IsDevelopment();
        if (!migrateOnly && !atStart)
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // EF Core takes a database lock while migrating, so replicas starting together are safe.
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Database of {Context} is up to date", typeof(TDbContext).Name);
        return migrateOnly;
    }
}
