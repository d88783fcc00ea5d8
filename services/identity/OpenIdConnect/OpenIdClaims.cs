using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// How a user signed in at the authorization endpoint, carried from the code to every refreshed token.
/// <paramref name="TwoFactor"/> null: the login used a second factor if the account had one by then (login requires it).
/// </summary>
public sealed record SignInFacts(DateTimeOffset AuthenticatedAt, bool? TwoFactor);

/// <summary>
/// The claims of a user's tokens, read afresh at every grant (a changed name or a suspended account shows at the
/// next refresh). With scope <c>organizations</c> a client app of an organization sees the user's membership in
/// that organization only; a platform-wide client sees all of them.
/// </summary>
public sealed class OpenIdClaims(IdentityDbContext db)
{
    public const string Organizations = "organizations";

    /// <summary>
    /// The identity to sign in, or null when the account may not log in (suspended, locked, archived, gone).
    /// <paramref name="basis"/>: the principal of a code or refresh token, whose OpenIddict claims (authorization, scopes, audiences) carry over.
    /// </summary>
    public async Task<ClaimsIdentity?> ForUserAsync(
        Guid userId, IEnumerable<string> scopes, Guid? clientOrganizationId, SignInFacts facts, ClaimsPrincipal? basis, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.CanLogIn) return null;

        var identity = new ClaimsIdentity(basis?.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetScopes(scopes);
        var twoFactor = facts.TwoFactor ?? user.TwoFactorEnabledAt is { } enabled && enabled <= facts.AuthenticatedAt;
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailVerifiedAt is not null)
            .SetClaim(Claims.Name, $"{user.FirstName} {user.LastName}".Trim())
            .SetClaim(Claims.GivenName, user.FirstName)
            .SetClaim(Claims.FamilyName, user.LastName)
            .SetClaim(Claims.Locale, user.Language ?? Languages.Default)
            .SetClaim(Claims.AuthenticationTime, facts.AuthenticatedAt.ToUnixTimeSeconds());
        identity.SetClaims(Claims.AuthenticationMethodReference, twoFactor ? ["pwd", "otp", "mfa"] : ["pwd"]);
        // acr: "mfa" where a second factor was used (as Keycloak's and Auth0's providers say it).
        if (twoFactor) identity.SetClaim(Claims.AuthenticationContextReference, "mfa");

        if (identity.HasScope(OpenIdScopes.Organizations))
        {
            var memberships = await MembershipsAsync(user.Id, clientOrganizationId, cancellationToken);
            foreach (var stale in identity.FindAll(Organizations).ToList()) identity.RemoveClaim(stale);
            identity.AddClaim(new Claim(Organizations, JsonSerializer.Serialize(memberships, JsonSerializerOptions.Web), JsonClaimValueTypes.JsonArray));
        }

        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>
    /// Whether the user may sign in to a client app of <paramref name="organizationId"/> that does not ask for consent
    /// (the organization's own app): only as an active member. Anyone else could otherwise be signed in silently by any
    /// app an organization registers; a third-party app asks them instead.
    /// </summary>
    public async Task<bool> MaySignInSilentlyAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        (await ActiveMembershipsAsync(userId, organizationId, cancellationToken)).Count > 0;

    public static SignInFacts FactsOf(ClaimsPrincipal principal) => new(
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(principal.GetClaim(Claims.AuthenticationTime) ?? "0", CultureInfo.InvariantCulture)),
        principal.HasClaim(Claims.AuthenticationMethodReference, "otp"));

    private async Task<List<OrganizationClaim>> MembershipsAsync(Guid userId, Guid? organizationId, CancellationToken cancellationToken)
    {
        var memberships = await ActiveMembershipsAsync(userId, organizationId, cancellationToken);
        if (memberships.Count == 0) return [];
        var grants = await (
            from g in db.OrganizationRoleGrants.AsNoTracking()
            where g.UserId == userId && g.RevokedAt == null && (organizationId == null || g.OrganizationId == organizationId)
            join r in db.Roles.AsNoTracking() on g.RoleId equals r.Id
            select new { Grant = g, r.Name }).ToListAsync(cancellationToken);
        return memberships.Select(m => new OrganizationClaim(
            m.Membership.OrganizationId, m.Name, OrganizationRanks.Name(m.Membership.Rank),
            grants.Where(g => g.Grant.HoldsIn(m.Membership)).Select(g => g.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private sealed record ActiveMembership(OrganizationMembership Membership, string? Name);

    /// <summary>The user's memberships in force, in organizations not archived (only <paramref name="organizationId"/>'s when given).</summary>
    private async Task<List<ActiveMembership>> ActiveMembershipsAsync(Guid userId, Guid? organizationId, CancellationToken cancellationToken)
    {
        var never = DateTimeOffset.MinValue;
        return await (
            from m in db.OrganizationMemberships.AsNoTracking()
            where m.UserId == userId && m.GrantedAt > never && m.RevokedAt == null && !m.Suspended
                && (organizationId == null || m.OrganizationId == organizationId)
            from o in db.Organizations.Where(o => o.Id == m.OrganizationId).DefaultIfEmpty()
            where o == null || o.ArchivedAt == null
            orderby m.OrganizationId
            select new ActiveMembership(m, o == null ? null : o.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>What goes into the identity token besides the access token: only what the granted scopes cover.</summary>
    public static IEnumerable<string> Destinations(Claim claim)
    {
        yield return OpenIddict.Abstractions.OpenIddictConstants.Destinations.AccessToken;
        var subject = claim.Subject!;
        var inIdentityToken = claim.Type switch
        {
            Claims.Subject or Claims.AuthenticationTime or Claims.AuthenticationMethodReference or Claims.AuthenticationContextReference => true,
            Claims.Name or Claims.GivenName or Claims.FamilyName or Claims.Locale => subject.HasScope(Scopes.Profile),
            Claims.Email or Claims.EmailVerified => subject.HasScope(Scopes.Email),
            Organizations => subject.HasScope(OpenIdScopes.Organizations),
            _ => false,
        };
        if (inIdentityToken) yield return OpenIddict.Abstractions.OpenIddictConstants.Destinations.IdentityToken;
    }
}

/// <summary>
/// One membership in the <c>organizations</c> claim: the organization, the member's rank and the names of the custom
/// roles granted to the member (whatever their scope; the authorization check answers what a role allows where).
/// </summary>
public sealed record OrganizationClaim(Guid Id, string? Name, string Rank, IReadOnlyList<string> Roles);
