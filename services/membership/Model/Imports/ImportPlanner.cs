using Platform.Membership.Model.Access;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Model.Imports;

/// <summary>A unit as the planner resolves it: by id or by (case-insensitive) name.</summary>
public sealed record ImportUnit(Guid Id, string Name, string Path);

/// <summary>An existing member whose address appears in the file.</summary>
public sealed record ImportMember(Guid UserId, string Email, Rank Rank, IReadOnlyList<Guid> UnitIds, IReadOnlyList<string> UnitPaths, IReadOnlyDictionary<string, string> CustomFields);

/// <summary>
/// The planned outcome of one row. For an update, <see cref="UnitIds"/> null means the units stay
/// as they are; <see cref="CustomFields"/> holds only the values the row sets. <see cref="Language"/> is the
/// invitation's (en, de), null for the default; an existing member's language is their account's, so it stays.
/// </summary>
public sealed record ImportRowPlan(
    int RowNumber, int Line, string Email, string? FirstName, string? LastName, Rank? Rank, List<Guid>? UnitIds,
    Dictionary<string, string> CustomFields, string Verdict, string? Detail, Guid? UserId = null, string? Language = null);

/// <summary>
/// The dry run, without a database: reads each row through the mapping and decides its verdict by the
/// same rules as inviting and changing members one at a time (<see cref="Delegation"/>, the
/// organization's inviting rank and allowed domains, its custom fields). The first row of an address
/// counts; later ones are duplicates.
/// </summary>
public sealed class ImportPlanner(
    Organization organization, Actor actor, Rank defaultRank, IReadOnlyList<ImportUnit> units,
    IReadOnlyDictionary<string, ImportMember> members, IReadOnlySet<string> openInvitations)
{
    public const int MaxRows = 100_000;
    public const int MaxNameLength = 100;
    public const int MaxFieldLength = 500;

    private readonly Dictionary<Guid, ImportUnit> unitsById = units.ToDictionary(u => u.Id);
    private readonly ILookup<string, ImportUnit> unitsByName = units.ToLookup(u => u.Name.Trim(), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ImportRowPlan> Plan(CsvTable table, ImportMapping mapping)
    {
        var email = mapping.IndexOf(table.Headers, ImportMapping.Email);
        var first = mapping.IndexOf(table.Headers, ImportMapping.FirstName);
        var last = mapping.IndexOf(table.Headers, ImportMapping.LastName);
        var rank = mapping.IndexOf(table.Headers, ImportMapping.Rank);
        var unitColumn = mapping.IndexOf(table.Headers, ImportMapping.Units);
        var language = mapping.IndexOf(table.Headers, ImportMapping.Language);
        var languageHeader = language < 0 ? "" : table.Headers[language];
        var fields = mapping.CustomFieldColumns(table.Headers).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < table.Records.Count; index++)
        {
            var record = table.Records[index];
            var row = new Row(index + 1, record.Line, record.Field(email), Optional(record, first), Optional(record, last),
                Optional(record, rank), Optional(record, unitColumn), fields.Select(f => (f.Key, record.Field(f.Index))).Where(f => f.Item2.Length > 0).ToDictionary(),
                Optional(record, language), languageHeader);
            yield return index >= MaxRows
                ? Refuse(row, row.RawEmail, ImportVerdicts.OverLimit, $"A file holds at most {MaxRows:N0} rows; import the rest in another file.")
                : PlanRow(row, seen);
        }
    }

    private ImportRowPlan PlanRow(Row row, HashSet<string> seen)
    {
        if (!InvitationAddress.TryNormalize(row.RawEmail, out var email))
            return Refuse(row, row.RawEmail, ImportVerdicts.InvalidEmail, row.RawEmail.Length == 0 ? "The row has no email address." : "Not a valid email address.");
        if (!seen.Add(email)) return Refuse(row, email, ImportVerdicts.Duplicate, "The address appears on an earlier row of the file; that row counts.");
        if (FieldProblem(row) is { } fieldProblem) return Refuse(row, email, ImportVerdicts.InvalidField, fieldProblem);
        if (!Languages.TryNormalize(row.Language, out var language))
            return Refuse(row, email, ImportVerdicts.UnknownLanguage,
                $"Row {row.Number}, column '{row.LanguageHeader}': '{Truncate(row.Language)}' is not a language; use {string.Join(" or ", Languages.Supported)}, or leave the cell empty for English.");
        row = row with { Language = language };

        Rank? rank = null;
        if (row.Rank is { } rankText)
        {
            if (!Enum.TryParse<Rank>(rankText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(rankText, out _))
                return Refuse(row, email, ImportVerdicts.UnknownRank, $"'{rankText}' is not a rank: one of admin, manager, member, viewer.");
            rank = parsed;
        }

        List<Guid>? unitIds = null;
        if (row.Units is { } unitText)
        {
            var (resolved, unitProblem) = ResolveUnits(unitText);
            if (unitProblem is not null) return Refuse(row, email, ImportVerdicts.UnknownUnit, unitProblem);
            unitIds = resolved;
            if (!actor.PlatformAdmin && actor.ScopePath is not null && resolved!.Any(id => !actor.Covers(unitsById[id].Path)))
                return Refuse(row, email, ImportVerdicts.NotAllowed, "A manager scoped to a unit places members only inside it.");
        }

        return members.TryGetValue(email, out var member)
            ? PlanUpdate(row, email, member, rank, unitIds)
            : PlanNew(row, email, rank ?? defaultRank, unitIds);
    }

    private ImportRowPlan PlanNew(Row row, string email, Rank rank, List<Guid>? unitIds)
    {
        if (openInvitations.Contains(email)) return Plan(row, email, rank, unitIds, ImportVerdicts.AlreadyInvited, "A pending invitation exists for this address; it is left as it is.");
        if (rank == Rank.Owner) return Refuse(row, email, ImportVerdicts.RankNotAllowed, "Ownership is transferred, not granted.");
        if (!organization.AllowsEmail(email)) return Refuse(row, email, ImportVerdicts.DomainNotAllowed, "The organization accepts only addresses at its allowed domains.");
        if (!actor.PlatformAdmin && actor.Rank < organization.MinimumRankToInvite)
            return Refuse(row, email, ImportVerdicts.NotAllowed, $"In this organization only {Articles.A(Delegation.Name(organization.MinimumRankToInvite))} or above brings people in.");
        var decision = Delegation.Check(actor, AdminAction.Invite, grantedRank: rank);
        if (!decision.Allowed)
            return Refuse(row, email, rank >= actor.Rank ? ImportVerdicts.RankNotAllowed : ImportVerdicts.NotAllowed, Capitalize(decision.Reason) + ".");
        var missing = organization.CustomFields.Where(f => f.Required && !row.CustomFields.ContainsKey(f.Key)).Select(f => f.Key).ToList();
        if (missing.Count > 0) return Refuse(row, email, ImportVerdicts.InvalidField, $"The organization requires {string.Join(", ", missing)}.");
        return Plan(row, email, rank, unitIds ?? [], ImportVerdicts.New, null);
    }

    private ImportRowPlan PlanUpdate(Row row, string email, ImportMember member, Rank? rank, List<Guid>? unitIds)
    {
        var newRank = rank ?? member.Rank;
        var unitsChange = unitIds is not null && !unitIds.ToHashSet().SetEquals(member.UnitIds);
        var fieldsChange = row.CustomFields.Any(f => member.CustomFields.GetValueOrDefault(f.Key) != f.Value);
        if (newRank == member.Rank && !unitsChange && !fieldsChange)
            return Plan(row, email, newRank, unitIds, ImportVerdicts.AlreadyMember, "Already a member exactly as the row says.", member.UserId);
        if (newRank != member.Rank && (newRank == Rank.Owner || member.Rank == Rank.Owner))
            return Refuse(row, email, ImportVerdicts.RankNotAllowed, "Ownership is transferred, not granted or taken by an import.");

        var target = new Target(member.UserId, member.Rank, member.UnitPaths);
        var decision = Delegation.Check(actor, newRank != member.Rank ? AdminAction.GrantRank : AdminAction.ChangeMember, target, newRank);
        if (!decision.Allowed)
            return Refuse(row, email, newRank != member.Rank && newRank >= actor.Rank ? ImportVerdicts.RankNotAllowed : ImportVerdicts.NotAllowed, Capitalize(decision.Reason) + ".");
        return Plan(row, email, newRank, unitsChange ? unitIds : null, ImportVerdicts.Update, null, member.UserId);
    }

    private (List<Guid>? Ids, string? Problem) ResolveUnits(string text)
    {
        var ids = new List<Guid>();
        foreach (var part in text.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParse(part, out var id) && unitsById.ContainsKey(id))
            {
                ids.Add(id);
                continue;
            }

            var named = unitsByName[part].ToList();
            if (named.Count == 0) return (null, $"No unit '{part}' in this organization.");
            if (named.Count > 1) return (null, $"{named.Count} units are called '{part}'; give its id instead.");
            ids.Add(named[0].Id);
        }

        return (ids.Distinct().ToList(), null);
    }

    private string? FieldProblem(Row row)
    {
        if (row.FirstName is { Length: > MaxNameLength } || row.LastName is { Length: > MaxNameLength })
            return $"A name has at most {MaxNameLength} characters.";
        if (new[] { row.FirstName, row.LastName }.Concat(row.CustomFields.Values).Any(v => v is not null && v.Any(char.IsControl)))
            return "Names and fields cannot hold control characters.";
        var tooLong = row.CustomFields.FirstOrDefault(f => f.Value.Length > MaxFieldLength).Key;
        return tooLong is null ? null : $"The field '{tooLong}' has at most {MaxFieldLength} characters.";
    }

    private static string? Optional(CsvRecord record, int index) => index < 0 || record.Field(index) is not { Length: > 0 } value ? null : value;

    private static ImportRowPlan Plan(Row row, string email, Rank? rank, List<Guid>? unitIds, string verdict, string? detail, Guid? userId = null) =>
        new(row.Number, row.Line, email, row.FirstName, row.LastName, rank, unitIds, row.CustomFields, verdict, detail, userId, row.Language);

    private static ImportRowPlan Refuse(Row row, string email, string verdict, string detail) =>
        new(row.Number, row.Line, email.Length > Invitation.MaxEmailLength ? email[..Invitation.MaxEmailLength] : email,
            Truncate(row.FirstName), Truncate(row.LastName), null, null, [], verdict, detail);

    private static string? Truncate(string? value) => value is { Length: > MaxNameLength } ? value[..MaxNameLength] : value;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record Row(
        int Number, int Line, string RawEmail, string? FirstName, string? LastName, string? Rank, string? Units, Dictionary<string, string> CustomFields,
        string? Language, string LanguageHeader);
}
