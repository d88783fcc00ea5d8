namespace Platform.Membership.Model.Exports;

/// <summary>
/// One cell of an exported CSV file, safe to open in a spreadsheet: a value that a spreadsheet would
/// take for a formula (starting with =, +, -, @, a tab or a carriage return, OWASP's list) gets a
/// leading apostrophe, and a value holding a comma, quote or line break is quoted with its quotes doubled.
/// </summary>
public static class CsvCell
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static string Row(IEnumerable<string?> values) => string.Join(',', values.Select(Escape));
}
