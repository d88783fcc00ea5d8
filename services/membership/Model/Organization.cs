using System.Text.RegularExpressions;
using Platform.Membership.Model.Access;

namespace Platform.Membership.Model;

public enum OrganizationState
{
    Active,
    Archived,
}

/// <summary>A tenant: its profile, its settings and who owns it (exactly one owner, always).</summary>
public sealed partial class Organization
{
    public const int MaxNameLength = 200;

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string? ContactEmail { get; private set; }
    public OrganizationState State { get; private set; }
    public Guid OwnerId { get; private set; }
    /// <summary>The lowest rank that may invite (manager by default; admin for stricter organizations).</summary>
    public Rank MinimumRankToInvite { get; private set; } = Rank.Manager;
    /// <summary>When not empty, only addresses at these domains may be invited.</summary>
    public List<string> AllowedEmailDomains { get; private set; } = [];
    public List<CustomFieldDefinition> CustomFields { get; private set; } = [];
    /// <summary>The fields every unit of the organization has (an order group's contact person, a branch's code).</summary>
    public List<CustomFieldDefinition> UnitCustomFields { get; private set; } = [];
    /// <summary>Members without a second factor are sent to enrolment at their next login (identity enforces it).</summary>
    public bool RequireTwoFactor { get; private set; }
    /// <summary>Admins of this organization may impersonate its members of lower rank (identity enforces it).</summary>
    public bool AdminsMayImpersonate { get; private set; }
    /// <summary>Anyone signed in may find the organization by its slug and ask to join (its membership.join policy decides).</summary>
    public bool OpenToJoinRequests { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }

    private Organization() { }

    public static Organization Create(string name, string slug, string? contactEmail, Guid ownerId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = name,
        Slug = slug,
        ContactEmail = contactEmail,
        OwnerId = ownerId,
        State = OrganizationState.Active,
        CreatedAt = now,
    };

    public void UpdateProfile(string name, string? contactEmail)
    {
        Name = name;
        ContactEmail = contactEmail;
    }

    public void UpdateSettings(Rank minimumRankToInvite, IEnumerable<string> allowedEmailDomains, IEnumerable<CustomFieldDefinition> customFields,
        bool openToJoinRequests, IEnumerable<CustomFieldDefinition>? unitCustomFields = null)
    {
        UnitCustomFields = (unitCustomFields ?? UnitCustomFields).ToList();
        MinimumRankToInvite = minimumRankToInvite;
        OpenToJoinRequests = openToJoinRequests;
        AllowedEmailDomains = allowedEmailDomains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        CustomFields = customFields.ToList();
    }

    /// <summary>
    /// Changes the security settings (null leaves one as it is). Only the owner or an admin of the whole
    /// organization (or a platform administrator) may: a custom role with org.settings is not enough,
    /// because these settings decide who may act as whom. Returns why not, or null; <paramref name="changed"/>
    /// says whether anything differs afterwards (the caller publishes only then).
    /// </summary>
    public string? ChangeSecurity(Actor actor, bool? requireTwoFactor, bool? adminsMayImpersonate, out bool changed)
    {
        var twoFactor = requireTwoFactor ?? RequireTwoFactor;
        var impersonation = adminsMayImpersonate ?? AdminsMayImpersonate;
        changed = twoFactor != RequireTwoFactor || impersonation != AdminsMayImpersonate;
        if (!changed) return null;
        if (!actor.PlatformAdmin && (actor.Rank < Rank.Admin || actor.ScopePath is not null))
        {
            changed = false;
            return "only the owner or an admin of the organization changes its security settings";
        }

        RequireTwoFactor = twoFactor;
        AdminsMayImpersonate = impersonation;
        return null;
    }

    /// <summary>
    /// Whether <paramref name="existing"/> (the person's membership here, if any) may ask to join: null when they may.
    /// An organization not open to join requests is not found at all, so its slug says nothing to outsiders.
    /// </summary>
    public JoinRefusal? RefuseJoinRequest(Member? existing) => (OpenToJoinRequests, State, existing?.State) switch
    {
        (false, _, null) => JoinRefusal.NotFound,
        (_, OrganizationState.Archived, _) => JoinRefusal.Archived,
        (_, _, MemberState.Active) => JoinRefusal.AlreadyMember,
        (_, _, MemberState.Suspended) => JoinRefusal.Suspended,
        _ => null,
    };

    public bool AllowsEmail(string email) =>
        AllowedEmailDomains.Count == 0 || AllowedEmailDomains.Contains(email[(email.LastIndexOf('@') + 1)..], StringComparer.Ordinal);

    public string? Archive(DateTimeOffset now)
    {
        if (State == OrganizationState.Archived) return "The organization is already archived.";
        State = OrganizationState.Archived;
        ArchivedAt = now;
        return null;
    }

    /// <summary>
    /// Moves ownership to an existing admin or manager; the previous owner stays as an admin, so the
    /// organization has exactly one owner at every moment. Returns why not, or null.
    /// </summary>
    public string? TransferOwnership(Member currentOwner, Member newOwner)
    {
        if (currentOwner.UserId != OwnerId || currentOwner.Rank != Rank.Owner) return "Only the current owner's membership can hand ownership over.";
        if (newOwner.OrganizationId != Id) return "The new owner must be a member of this organization.";
        if (newOwner.State != MemberState.Active) return "The new owner's membership must be active.";
        if (newOwner.Rank is not (Rank.Admin or Rank.Manager)) return "Ownership moves only to an existing admin or manager of the organization.";

        newOwner.BecomeOwner();
        currentOwner.StepDownAsOwner();
        OwnerId = newOwner.UserId;
        return null;
    }

    public static bool IsValidSlug(string slug) => slug.Length is >= 2 and <= 63 && SlugPattern().IsMatch(slug);

    /// <summary>A slug from a name: lowercase ASCII letters, digits and single dashes.</summary>
    public static string SlugFrom(string name)
    {
        var slug = NonSlugCharacters().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 63 ? slug[..63].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();
}

public enum JoinRefusal
{
    NotFound,
    Archived,
    AlreadyMember,
    Suspended,
}

/// <summary>A field an organization defines on its members (a technician id) or its units (a branch code).</summary>
public sealed record CustomFieldDefinition(string Key, string Label, bool Required = false);
