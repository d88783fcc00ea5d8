using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Apis;

public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder routes)
    {
        var organizations = routes.MapGroup("/organizations").WithTags("Organizations");
        organizations.MapPost("/", Create).WithName("CreateOrganization")
            .WithSummary("Create an organization (verified users within their ownership limit; platform administrators)")
            .WithDescription("inviteContactAs (admin, manager, member, viewer) also invites the contact email with that rank, in the same step: "
                + "its invitation is listed with the organization's invitations and emailed like any other.");
        organizations.MapGet("/", ListMine).WithName("ListMyOrganizations").WithSummary("The organizations I belong to");
        organizations.MapGet("/{organizationId:guid}", Get).WithName("GetOrganization").WithSummary("An organization I belong to");
        organizations.MapPut("/{organizationId:guid}", UpdateProfile).WithName("UpdateOrganization").WithSummary("Change name and contact email (org.settings)")
            .WithDescription("PUT replaces: name is required; a contactEmail left out, null or empty means none.");
        organizations.MapPut("/{organizationId:guid}/settings", UpdateSettings).WithName("UpdateOrganizationSettings")
            .WithSummary("Replace the settings: who may invite, allowed email domains, custom member and unit fields, security, join requests (org.settings)")
            .WithDescription("PUT replaces: every field is required, and a missing one is a 400 naming it. To change some, PATCH.");
        organizations.MapPatch("/{organizationId:guid}/settings", PatchSettings).WithName("PatchOrganizationSettings")
            .Accepts<OrganizationSettingsRequest>(JsonMergePatch.MediaType)
            .WithSummary("Change some settings with a JSON merge patch (org.settings)")
            .WithDescription("RFC 7396: a field present sets, null puts back the default, absent keeps; lists are replaced whole.");
        organizations.MapPost("/{organizationId:guid}/archive", Archive).WithName("ArchiveOrganization").WithSummary("Archive (the owner)");
        organizations.MapPost("/{organizationId:guid}/ownership", TransferOwnership).WithName("TransferOwnership")
            .WithSummary("Hand ownership to an existing admin or manager (the owner)");

        routes.MapPut("/admin/ownership-limits/{userId:guid}", SetOwnershipLimit).WithTags("Administration")
            .RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy)
            .WithName("SetOwnershipLimit").WithSummary("How many organizations a user may own (platform administrators)")
            .WithDescription("PUT replaces the user's limit with maxOrganizations.");
        return routes;
    }

    public static async Task<Results<Created<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateOrganizationRequest request, HttpContext context, MembershipDbContext db, IEventOutbox outbox, TimeProvider time,
        IOptions<InvitationOptions> invitationOptions, CancellationToken cancellationToken)
    {
        if (context.User.IsClientAppActingForUser()) return Problems.Forbidden("a client app's access token cannot found organizations; the user does that in person");
        var errors = OrganizationInput.Validate(request.Name, request.ContactEmail, out var name, out var contact);
        var contactRank = Rank.Member;
        var invitee = "";
        if (request.InviteContactAs is not null && (!Ranks.TryParse(request.InviteContactAs, out contactRank) || contactRank == Rank.Owner))
            errors["inviteContactAs"] = ["One of admin, manager, member, viewer (the creator is the owner)."];
        else if (request.InviteContactAs is not null && !InvitationAddress.TryNormalize(contact, out invitee))
            errors["contactEmail"] = ["The contact email to invite is missing or cannot be invited."];
        var slug = string.IsNullOrWhiteSpace(request.Slug) ? Organization.SlugFrom(name) : request.Slug.Trim().ToLowerInvariant();
        if (!Organization.IsValidSlug(slug)) errors["slug"] = ["A slug has 2 to 63 lowercase letters, digits and single dashes."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var userId = context.User.UserId();
        if (!context.User.HasClaim(InternalClaims.PlatformAdmin, "true"))
        {
            var creator = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (creator is not { EmailVerified: true }) return Problems.Forbidden("only accounts with a verified email address create organizations");
            var limit = await db.OwnershipLimits.Where(l => l.UserId == userId).Select(l => (int?)l.MaxOrganizations).SingleOrDefaultAsync(cancellationToken)
                ?? OwnershipLimit.Default;
            var owned = await db.Organizations.CountAsync(o => o.OwnerId == userId && o.State == OrganizationState.Active, cancellationToken);
            if (owned >= limit) return Problems.Forbidden($"you own {owned} organization(s), your limit; a platform administrator can raise it");
        }

        var now = time.GetUtcNow();
        var organization = Organization.Create(name, slug, contact, userId, now);
        db.Organizations.Add(organization);
        db.Members.Add(Member.Join(organization.Id, userId, Rank.Owner, now));
        outbox.Add(new OrganizationCreated(organization.Id, organization.Name, organization.Slug, userId, now));
        outbox.Add(new MembershipGranted(organization.Id, userId, "owner", null, userId, now));
        outbox.Add(SecurityChanged(organization, userId, now));
        if (request.InviteContactAs is not null)
            await InviteContactAsync(db, outbox, organization, invitee, contactRank, userId, now, invitationOptions.Value.Lifetime, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict($"The slug '{slug}' is taken; choose another.");
        }

        return TypedResults.Created($"/organizations/{organization.Id}", OrganizationResponse.From(organization, Rank.Owner));
    }

    /// <summary>
    /// The contact email invited with the new organization (Open Food Network's "manager" of a new
    /// enterprise), unless it is the creator's own address: they are its owner already.
    /// </summary>
    private static async Task InviteContactAsync(
        MembershipDbContext db, IEventOutbox outbox, Organization organization, string contact, Rank rank, Guid creatorId, DateTimeOffset now, TimeSpan lifetime,
        CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Email.ToLower() == contact).Select(u => new { u.Id, u.EmailVerified }).FirstOrDefaultAsync(cancellationToken);
        if (account?.Id == creatorId) return;
        var (invitation, token) = Invitation.Issue(organization.Id, contact, rank, null, [], creatorId, now, lifetime);
        db.Invitations.Add(invitation);
        outbox.Add(InvitationsApi.Created(invitation, token, organization, await InvitationsApi.InviterNameAsync(db, creatorId, cancellationToken),
            account?.EmailVerified == true, now));
    }

    public static async Task<Ok<List<OrganizationResponse>>> ListMine(HttpContext context, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var bound = context.User.ClientOrganizationId();
        var mine = await db.Members.AsNoTracking().Where(m => m.UserId == userId && m.State == MemberState.Active)
            .Where(m => bound == null || m.OrganizationId == bound)
            .Join(db.Organizations.AsNoTracking(), m => m.OrganizationId, o => o.Id, (m, o) => new { o, m.Rank })
            .OrderBy(x => x.o.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(mine.Select(x => OrganizationResponse.From(x.o, x.Rank)).ToList());
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> Get(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        return caller is null ? Problems.NotFound("Organization") : TypedResults.Ok(OrganizationResponse.From(caller.Organization, caller.Membership?.Rank));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> UpdateProfile(
        Guid organizationId, UpdateOrganizationRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.OrgSettings)) return Problems.Forbidden("changing the organization needs org.settings");
        if (caller.IsArchived) return Problems.Archived();
        var errors = OrganizationInput.Validate(request.Name, request.ContactEmail, out var name, out var contact);
        if (errors.Count > 0) return Problems.Validation(errors);

        caller.Organization.UpdateProfile(name, contact);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationResponse.From(caller.Organization, caller.Membership?.Rank));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> UpdateSettings(
        Guid organizationId, OrganizationSettingsRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await SettingsCallerAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var missing = OrganizationInput.MissingSettings(request);
        if (missing.Count > 0) return Problems.Validation(missing);
        return await ReplaceSettingsAsync(caller!, request, db, outbox, time, cancellationToken);
    }

    public static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> PatchSettings(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await SettingsCallerAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var (merged, invalid) = await JsonMergePatch.MergeAsync(context.Request, OrganizationSettingsRequest.From(caller!.Organization), cancellationToken);
        if (invalid is not null) return invalid;
        return await ReplaceSettingsAsync(caller, merged!.WithDefaults(), db, outbox, time, cancellationToken);
    }

    private static async Task<(Caller?, ProblemHttpResult?)> SettingsCallerAsync(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, Problems.NotFound("Organization"));
        if (!caller.Holds(Permissions.OrgSettings)) return (null, Problems.Forbidden("changing settings needs org.settings"));
        return caller.IsArchived ? (null, Problems.Archived()) : (caller, null);
    }

    /// <summary>Puts every setting of a complete request in place, or changes nothing.</summary>
    private static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> ReplaceSettingsAsync(
        Caller caller, OrganizationSettingsRequest request, MembershipDbContext db, IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = OrganizationInput.ValidateSettings(request, out var rank, out var fields, out var unitFields);
        if (errors.Count > 0) return Problems.Validation(errors);

        // Security first: a refusal there must leave the other settings untouched as well.
        if (caller.Organization.ChangeSecurity(caller.Actor, request.RequireTwoFactor, request.AdminsMayImpersonate, out var securityChanged) is { } refusal)
            return Problems.Forbidden(refusal);
        caller.Organization.UpdateSettings(rank, request.AllowedEmailDomains ?? [], fields, request.OpenToJoinRequests ?? false, unitFields);
        if (securityChanged) outbox.Add(SecurityChanged(caller.Organization, caller.Actor.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationResponse.From(caller.Organization, caller.Membership?.Rank));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> Archive(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Actor.PlatformAdmin && caller.Actor.Rank != Rank.Owner) return Problems.Forbidden("only the owner archives the organization");
        if (caller.Organization.Archive(time.GetUtcNow()) is { } refusal) return Problems.Conflict(refusal);

        outbox.Add(new OrganizationArchived(organizationId, context.User.UserId(), time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationResponse.From(caller.Organization, caller.Membership?.Rank));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> TransferOwnership(
        Guid organizationId, TransferOwnershipRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Actor.PlatformAdmin && caller.Actor.Rank != Rank.Owner) return Problems.Forbidden("only the owner hands ownership over");
        if (caller.IsArchived) return Problems.Archived();

        var organization = caller.Organization;
        var owner = await db.Members.SingleAsync(m => m.OrganizationId == organizationId && m.UserId == organization.OwnerId, cancellationToken);
        var successor = await db.Members.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == request.NewOwnerId, cancellationToken);
        if (successor is null) return Problems.Conflict("Ownership moves only to an existing admin or manager of the organization.");
        var previousOwner = organization.OwnerId;
        if (organization.TransferOwnership(owner, successor) is { } refusal) return Problems.Conflict(refusal);

        var now = time.GetUtcNow();
        outbox.Add(new OwnershipTransferred(organizationId, previousOwner, successor.UserId, context.User.UserId(), now));
        outbox.Add(new MembershipRoleChanged(organizationId, previousOwner, "owner", "admin", null, context.User.UserId(), now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationResponse.From(organization, caller.Membership?.Rank));
    }

    private static OrganizationSecurityChanged SecurityChanged(Organization organization, Guid actorId, DateTimeOffset now) =>
        new(organization.Id, organization.RequireTwoFactor, organization.AdminsMayImpersonate, actorId, now);

    public static async Task<Results<Ok<OwnershipLimitResponse>, ValidationProblem>> SetOwnershipLimit(
        Guid userId, OwnershipLimitRequest request, MembershipDbContext db, CancellationToken cancellationToken)
    {
        if (request.MaxOrganizations is < 0 or > 10_000) return Problems.Validation("maxOrganizations", "Between 0 and 10,000.");
        var limit = await db.OwnershipLimits.SingleOrDefaultAsync(l => l.UserId == userId, cancellationToken);
        if (limit is null) db.OwnershipLimits.Add(limit = new OwnershipLimit(userId, request.MaxOrganizations));
        else limit.Change(request.MaxOrganizations);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new OwnershipLimitResponse(userId, limit.MaxOrganizations));
    }
}

/// <param name="InviteContactAs">A rank (admin, manager, member, viewer) to invite the contact email with, in the same step; null invites nobody.</param>
public sealed record CreateOrganizationRequest(string? Name, string? Slug, string? ContactEmail, string? InviteContactAs = null);
public sealed record UpdateOrganizationRequest(string? Name, string? ContactEmail);
/// <summary>
/// The organization's settings, all of them: PUT replaces them as a whole, so every field is required;
/// PATCH (a JSON merge patch of this shape) changes some, and null there puts back the default
/// (manager, no domain limit, no custom fields, security off, closed to join requests).
/// </summary>
/// <param name="CustomFields">The fields every member has; a required one must be given by imports.</param>
/// <param name="OpenToJoinRequests">Anyone signed in may find the organization by its slug and ask to join; its membership.join policy routes the request.</param>
/// <param name="UnitCustomFields">The fields every unit has (a branch's code); a required one must be given whenever a unit is created or replaced.</param>
public sealed record OrganizationSettingsRequest(
    [property: Required] string? MinimumRankToInvite,
    [property: Required] List<string>? AllowedEmailDomains,
    [property: Required] List<CustomFieldRequest>? CustomFields,
    [property: Required] bool? RequireTwoFactor = null,
    [property: Required] bool? AdminsMayImpersonate = null,
    [property: Required] bool? OpenToJoinRequests = null,
    [property: Required] List<CustomFieldRequest>? UnitCustomFields = null)
{
    private static List<CustomFieldRequest> Requests(IEnumerable<CustomFieldDefinition> fields) =>
        fields.Select(f => new CustomFieldRequest(f.Key, f.Label, f.Required)).ToList();

    public static OrganizationSettingsRequest From(Organization organization) => new(
        Ranks.Name(organization.MinimumRankToInvite), organization.AllowedEmailDomains.ToList(),
        Requests(organization.CustomFields), organization.RequireTwoFactor, organization.AdminsMayImpersonate, organization.OpenToJoinRequests,
        Requests(organization.UnitCustomFields));

    /// <summary>What a merge patch removed (null) goes back to its default.</summary>
    public OrganizationSettingsRequest WithDefaults() => new(
        MinimumRankToInvite ?? Ranks.Name(Rank.Manager), AllowedEmailDomains ?? [], CustomFields ?? [], RequireTwoFactor ?? false, AdminsMayImpersonate ?? false,
        OpenToJoinRequests ?? false, UnitCustomFields ?? []);
}

public sealed record CustomFieldRequest(string? Key, string? Label, bool Required = false);
public sealed record TransferOwnershipRequest(Guid NewOwnerId);
public sealed record OwnershipLimitRequest(int MaxOrganizations);
public sealed record OwnershipLimitResponse(Guid UserId, int MaxOrganizations);

public sealed record OrganizationResponse(
    Guid Id, string Name, string Slug, string? ContactEmail, string State, Guid OwnerId, string? MyRank,
    string MinimumRankToInvite, IReadOnlyList<string> AllowedEmailDomains, IReadOnlyList<CustomFieldDefinition> CustomFields, DateTimeOffset CreatedAt,
    bool RequireTwoFactor, bool AdminsMayImpersonate, bool OpenToJoinRequests, IReadOnlyList<CustomFieldDefinition> UnitCustomFields)
{
    public static OrganizationResponse From(Organization o, Rank? myRank) => new(
        o.Id, o.Name, o.Slug, o.ContactEmail, o.State.ToString().ToLowerInvariant(), o.OwnerId, myRank?.ToString().ToLowerInvariant(),
        o.MinimumRankToInvite.ToString().ToLowerInvariant(), o.AllowedEmailDomains, o.CustomFields, o.CreatedAt,
        o.RequireTwoFactor, o.AdminsMayImpersonate, o.OpenToJoinRequests, o.UnitCustomFields);
}
