namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Another service whose answer a request needs now did not give one (unreachable, timed out, or 5xx
/// after the resilience handler's retries). Like a database restart it passes by itself: the request
/// answers 503 with <c>Retry-After</c> (<see cref="TransientFailureExceptionHandler"/>), never 500.
/// </summary>
public sealed class ServiceUnavailableException(string service, Exception? cause = null)
    : Exception($"The {service} service did not answer.", cause)
{
    public string Service { get; } = service;
}
