using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure;

internal static class ResetDatabaseCommand
{
    public const string Name = "reset-database";

    /// <summary>A dashboard command (and `resource-command` for tests) that empties a database.</summary>
    public static IResourceBuilder<T> WithResetCommand<T>(this IResourceBuilder<T> builder, Func<CancellationToken, Task> reset)
        where T : IResource => builder.WithCommand(
            Name,
            "Reset database",
            async context =>
            {
                await reset(context.CancellationToken);
                return CommandResults.Success();
            },
            new CommandOptions
            {
                Description = "Drop the database and create it empty. Restart its service afterwards: migrations run at start.",
                ConfirmationMessage = $"Delete every row of {builder.Resource.Name}?",
                IconName = "ArrowCounterclockwise",
                UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
}
