using System.Diagnostics;
using Platform.Identity.Audit;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Identity.Application;

/// <summary>Works through <see cref="LinkRequestQueue"/> one request at a time, each in its own scope and transaction.</summary>
public sealed partial class LinkRequestWorker(LinkRequestQueue queue, IServiceScopeFactory scopes, ILogger<LinkRequestWorker> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new(TelemetryExtensions.PlatformSourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var activity = Source.StartActivity($"link request {request.Kind}", ActivityKind.Internal, request.Trace);
            try
            {
                await HandleAsync(request, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One failure (the database restarting, say) must not stop the requests behind it.
                LogFailed(exception, request.Kind);
            }
        }
    }

    private async Task HandleAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Origin = request.Origin;
        switch (request.Kind)
        {
            case LinkRequestKind.PasswordReset:
                await scope.ServiceProvider.GetRequiredService<PasswordReset>().RequestAsync(request.Email, cancellationToken);
                break;
            case LinkRequestKind.VerificationResend:
                await scope.ServiceProvider.GetRequiredService<SignUp>().ResendVerificationAsync(request.Email, cancellationToken);
                break;
        }
    }

    [LoggerMessage(LogLevel.Error, "A queued {Kind} request failed; its sender may ask again")]
    private partial void LogFailed(Exception exception, LinkRequestKind kind);
}
