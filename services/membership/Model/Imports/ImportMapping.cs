namespace Platform.Membership.Model.Imports;

/// <summary>
/// Which column of the file holds which field. Targets are <c>email</c>, <c>firstName</c>,
/// <c>lastName</c>, <c>rank</c>, <c>units</c> (unit names or ids, several separated by <c>;</c> or
/// <c>|</c>), <c>language</c> (of the invitation: en or de), <c>field:{key}</c> for one of the organization's custom fields, or <c>ignore</c>.
/// Without instructions the headers are matched by name (case, spaces, dashes and underscores do not
/// matter; a custom field matches by key or label).
/// </summary>
public sealed class ImportMapping
{
    public const string Email = "email";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Rank = "rank";
    public const string Units = "units";
    public const string Language = "language";
    public const string Ignore = "ignore";
    public const string FieldPrefix = "field:";

    private static readonly Dictionary<string, string> KnownHeaders = new(StringComparer.Ordinal)
    {
        ["email"] = Email, ["emailaddress"] = Email, ["mail"] = Email,
        ["firstname"] = FirstName, ["givenname"] = FirstName, ["forename"] = FirstName, ["first"] = FirstName,
        ["lastname"] = LastName, ["surname"] = LastName, ["familyname"] = LastName, ["last"] = LastName,
        ["rank"] = Rank, ["role"] = Rank,
        ["units"] = Units, ["unit"] = Units, ["unitids"] = Units, ["unitid"] = Units,
        ["language"] = Language, ["lang"] = Language, ["locale"] = Language,
    };

    private ImportMapping(Dictionary<string, string> columns) => Columns = columns;

    /// <summary>Header (as in the file) to target, one entry per header.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    public static ImportMapping Automatic(IReadOnlyList<string> headers, IReadOnlyList<CustomFieldDefinition> customFields)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers.Where(h => h.Length > 0))
        {
            var key = Normalize(header);
            var target = KnownHeaders.GetValueOrDefault(key)
                ?? customFields.Where(f => Normalize(f.Key) == key || Normalize(f.Label) == key).Select(f => FieldPrefix + f.Key).FirstOrDefault()
                ?? Ignore;
            columns[header] = target == Ignore || taken.Add(target) ? target : Ignore;
        }

        return new ImportMapping(columns);
    }

    /// <summary>
    /// The automatic mapping with the caller's choices on top. Returns the problems (by header) when a
    /// header is not in the file, a target is unknown, or two columns claim the same target.
    /// </summary>
    public static (ImportMapping? Mapping, Dictionary<string, string[]> Errors) With(
        IReadOnlyList<string> headers, IReadOnlyList<CustomFieldDefinition> customFields, IReadOnlyDictionary<string, string?> choices)
    {
        var errors = new Dictionary<string, string[]>();
        var columns = Automatic(headers, customFields).Columns.ToDictionary();
        foreach (var (header, choice) in choices)
        {
            var target = (choice ?? Ignore).Trim();
            if (!columns.ContainsKey(header)) errors[header] = [$"The file has no column '{header}'; its headers are {string.Join(", ", headers.Select(h => $"'{h}'"))}."];
            else if (!IsTarget(target, customFields)) errors[header] = [$"'{target}' is not a field: use email, firstName, lastName, rank, units, language, field:<custom field key> or ignore."];
            else columns[header] = target;
        }

        foreach (var clash in columns.Where(c => c.Value != Ignore).GroupBy(c => c.Value).Where(g => g.Count() > 1))
            errors[clash.Key] = [$"Only one column can be {clash.Key}; {string.Join(" and ", clash.Select(c => $"'{c.Key}'"))} both are."];
        return errors.Count > 0 ? (null, errors) : (new ImportMapping(columns), errors);
    }

    public static ImportMapping FromStored(Dictionary<string, string> columns) => new(columns);

    /// <summary>The index of the column mapped to a target, or -1.</summary>
    public int IndexOf(IReadOnlyList<string> headers, string target)
    {
        for (var i = 0; i < headers.Count; i++)
            if (Columns.GetValueOrDefault(headers[i]) == target) return i;
        return -1;
    }

    /// <summary>The custom field keys mapped, with their column index.</summary>
    public IEnumerable<(string Key, int Index)> CustomFieldColumns(IReadOnlyList<string> headers) =>
        headers.Select((h, i) => (Target: Columns.GetValueOrDefault(h) ?? Ignore, Index: i))
            .Where(x => x.Target.StartsWith(FieldPrefix, StringComparison.Ordinal))
            .Select(x => (x.Target[FieldPrefix.Length..], x.Index));

    private static bool IsTarget(string target, IReadOnlyList<CustomFieldDefinition> customFields) =>
        target is Email or FirstName or LastName or Rank or Units or Language or Ignore
        || (target.StartsWith(FieldPrefix, StringComparison.Ordinal) && customFields.Any(f => f.Key == target[FieldPrefix.Length..]));

    private static string Normalize(string header) =>
        new(header.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '.')).Select(char.ToLowerInvariant).ToArray());
}
