namespace Platform.ServiceDefaults.Problems;

/// <summary>Stable <c>type</c> URIs of Platform's ProblemDetails; clients may switch on them.</summary>
public static class ProblemTypes
{
    // URNs, not URLs: they identify a kind of problem without pointing at a host we may not own.
    private const string Base = "urn:platform:problem:";

    public const string MalformedRequest = Base + "malformed-request";
    public const string Validation = Base + "validation";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string Unexpected = Base + "unexpected";
    public const string PasswordChangeRequired = Base + "password-change-required";
    public const string TwoFactorEnrolmentRequired = Base + "two-factor-enrolment-required";
    public const string InvalidCredentials = Base + "invalid-credentials";
    public const string EmailNotVerified = Base + "email-not-verified";
    public const string InvalidLink = Base + "invalid-link";
    public const string SignUpClosed = Base + "sign-up-closed";
    public const string Forbidden = Base + "forbidden";
    public const string CrossOriginRequest = Base + "cross-origin-request";
    public const string StateTransition = Base + "state-transition";
    public const string AuthenticationRequired = Base + "authentication-required";
    /// <summary>A service called directly, without the internal token the gateway adds.</summary>
    public const string GatewayRequired = Base + "gateway-required";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    /// <summary>The database or Redis is briefly unreachable: 503 with <c>Retry-After</c>.</summary>
    public const string TemporarilyUnavailable = Base + "temporarily-unavailable";
    public const string BadGateway = Base + "bad-gateway";
}
