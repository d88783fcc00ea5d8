using Npgsql;

namespace Platform.Deployment.Tests;

/// <summary>What the image and the migration job run, run here: the publish step of the Dockerfile, then the
/// published entry point with <c>--migrate</c> against a real, empty PostgreSQL database.</summary>
public sealed class PublishAndMigrateTests(TestContext context) : IClassFixture<TestContext>
{
    [Fact]
    public async Task The_gateway_publishes_as_its_image_does()
    {
        var folder = await PublishedService.Gateway.PublishAsync();

        Assert.True(File.Exists(Path.Combine(folder, "service")), "no entry point 'service'");
        Assert.False(File.Exists(Path.Combine(folder, "appsettings.Development.json")), "development settings shipped");
    }

    [Theory]
    [InlineData("identity", "identitydb")]
    [InlineData("membership", "membershipdb")]
    [InlineData("notifications", "notificationsdb")]
    [InlineData("approvals", "approvalsdb")]
    public async Task A_published_service_migrates_an_empty_database_with_migrate_and_exits(string service, string database)
    {
        var folder = await PublishedService.Named(service).PublishAsync();
        var connectionString = await context.CreateDatabaseAsync(database);
        var environment = PublishedService.EnvironmentFor(context, database, connectionString);

        var first = await CommandLine.RunAsync(Path.Combine(folder, "service"), ["--migrate"], folder, environment: environment, timeout: TimeSpan.FromMinutes(2));
        var applied = await AppliedMigrationsAsync(connectionString);
        // A second run (the next release's job, a retried pod) finds nothing to do.
        var second = await CommandLine.RunAsync(Path.Combine(folder, "service"), ["--migrate"], folder, environment: environment, timeout: TimeSpan.FromMinutes(2));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(applied > 0, "no migration recorded");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(applied, await AppliedMigrationsAsync(connectionString));
    }

    private static async Task<long> AppliedMigrationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
