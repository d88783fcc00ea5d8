using System.Security.Claims;

namespace Platform.ServiceDefaults.Authentication;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id; endpoints behind the fallback policy always have one.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(InternalClaims.Subject), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no user id; is the endpoint anonymous?");
}
