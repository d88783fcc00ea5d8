namespace Platform.Membership.Model.Invitations;

/// <summary>The result names of a bulk invitation, one per address.</summary>
public static class InvitationResults
{
    public const string Invited = "invited";
    public const string AlreadyMember = "already-member";
    public const string AlreadyInvited = "already-invited";
    public const string Invalid = "invalid";
    public const string DomainNotAllowed = "domain-not-allowed";
    public const string Duplicate = "duplicate";
    /// <summary>Placeholder until the database has been asked.</summary>
    public const string Pending = "pending";
}

/// <summary>
/// The part of a bulk invitation decided without the database: malformed addresses, repeats within
/// the list (the first occurrence counts, later ones are reported as duplicates) and domains the
/// organization does not accept. What is left (<see cref="Positions"/>) is checked against members
/// and pending invitations in one query each.
/// </summary>
public sealed class InvitationPlan
{
    private InvitationPlan(List<(string Email, string Result)> results, List<(int Index, string Email)> positions)
    {
        Results = results;
        Positions = positions;
        Candidates = positions.Select(p => p.Email).ToList();
    }

    /// <summary>Per address of the request, in its order: the address as sent (trimmed) and its result so far.</summary>
    public IReadOnlyList<(string Email, string Result)> Results { get; }

    /// <summary>The addresses (normalized) still to be checked, with their index in the request.</summary>
    public IReadOnlyList<(int Index, string Email)> Positions { get; }

    public List<string> Candidates { get; }

    public static InvitationPlan For(IReadOnlyList<string?> emails, Organization organization)
    {
        var results = new List<(string, string)>(emails.Count);
        var positions = new List<(int, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < emails.Count; index++)
        {
            var sent = (emails[index] ?? "").Trim();
            if (!InvitationAddress.TryNormalize(sent, out var email)) results.Add((sent, InvitationResults.Invalid));
            else if (!seen.Add(email)) results.Add((sent, InvitationResults.Duplicate));
            else if (!organization.AllowsEmail(email)) results.Add((sent, InvitationResults.DomainNotAllowed));
            else
            {
                results.Add((sent, InvitationResults.Pending));
                positions.Add((index, email));
            }
        }

        return new InvitationPlan(results, positions);
    }
}
