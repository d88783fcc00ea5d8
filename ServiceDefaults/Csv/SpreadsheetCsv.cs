namespace Platform.ServiceDefaults.Csv;

/// <summary>
/// Cells of exported CSV files, safe to open in a spreadsheet. A spreadsheet runs a cell that starts with
/// = + - @ (or a tab or carriage return) as a formula: such a cell gets a leading single quote, which makes
/// it text (OWASP CSV injection). A cell is quoted when it holds a separator, a quote or a line break, or
/// was defused.
/// </summary>
public static class SpreadsheetCsv
{
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var defused = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (defused) value = "'" + value;
        return defused || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static string Row(IEnumerable<string?> values) => string.Join(',', values.Select(Cell));
}
