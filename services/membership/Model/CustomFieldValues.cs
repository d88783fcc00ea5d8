namespace Platform.Membership.Model;

/// <summary>
/// Values of an organization's custom fields (on members, on units), checked against its definitions: only
/// defined keys, values of at most <see cref="MaxValueLength"/> characters without control characters, and,
/// where the caller enforces them, every required field given.
/// </summary>
public static class CustomFieldValues
{
    public const int MaxValueLength = 500;

    /// <summary>The first problem as (key, why), or null when the values fit the definitions.</summary>
    public static (string Key, string Problem)? Check(
        IReadOnlyList<CustomFieldDefinition> definitions, IReadOnlyDictionary<string, string> values, bool enforceRequired)
    {
        foreach (var (key, value) in values)
        {
            if (definitions.All(f => f.Key != key)) return (key, $"The organization defines no field '{key}'.");
            if (value.Length > MaxValueLength || value.Any(char.IsControl)) return (key, $"A field value has at most {MaxValueLength} characters, without control characters.");
        }

        var missing = enforceRequired ? definitions.FirstOrDefault(f => f.Required && string.IsNullOrWhiteSpace(values.GetValueOrDefault(f.Key))) : null;
        return missing is null ? null : (missing.Key, $"The organization requires '{missing.Label}'.");
    }
}
