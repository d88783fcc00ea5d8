using System.Diagnostics;
using Platform.Identity.Audit;
using Platform.ServiceDefaults.Resilience;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Identity.Application;

/// <summary>
/// Works through <see cref="LinkRequestQueue"/> one request at a time, each in its own scope and transaction.
/// A database outage delays a request, never drops it: a transient failure is tried again, with a growing
/// wait, until it succeeds or the process stops.
/// </summary>
public sealed partial class LinkRequestWorker(
    LinkRequestQueue queue, IServiceScopeFactory scopes, ILogger<LinkRequestWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly ActivitySource Source = new(TelemetryExtensions.PlatformSourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var activity = Source.StartActivity($"link request {request.Kind}", ActivityKind.Internal, request.Trace);
            await HandleWithRetriesAsync(request, stoppingToken);
        }
    }

    private async Task HandleWithRetriesAsync(LinkRequest request, CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(MaxRetryDelay);
        while (true)
        {
            try
            {
                await HandleAsync(request, stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && TransientFailures.IsTransient(exception))
            {
                LogWaiting(exception, request.Kind, backoff.Current);
                // Real time, not the TimeProvider: this waits for a server, not for a business deadline.
                await Task.Delay(backoff.Current, stoppingToken);
                backoff.Failed();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A fault that will not pass by itself must not stop the requests behind it.
                LogFailed(exception, request.Kind);
                return;
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

    [LoggerMessage(LogLevel.Warning, "A queued {Kind} request met a transient fault; trying again in {Delay}")]
    private partial void LogWaiting(Exception exception, LinkRequestKind kind, TimeSpan delay);

    [LoggerMessage(LogLevel.Error, "A queued {Kind} request failed; its sender may ask again")]
    private partial void LogFailed(Exception exception, LinkRequestKind kind);
}
