using System.Text;

namespace Platform.Membership.Model.Imports;

/// <summary>
/// A CSV file as RFC 4180 describes it: a header row, then records; fields separated by commas,
/// optionally quoted (a quote inside a quoted field is doubled, and quoted fields may span lines);
/// CRLF or LF line ends; a UTF-8 byte order mark is ignored. Blank lines are skipped.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> headers, IReadOnlyList<CsvRecord> records)
    {
        Headers = headers;
        Records = records;
    }

    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>Parses UTF-8 bytes; returns why not (with the line) when the file is not valid UTF-8 or not valid CSV.</summary>
    public static (CsvTable? Table, string? Problem) Parse(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not valid UTF-8; save it as 'CSV UTF-8'.");
        }

        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var quoted = false;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        return (null, $"Line {line}: a quoted field must end at a comma or the end of the line.");
                    continue;
                }

                if (c == '\n') line++;
                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    i++;
                    break;
                case '"':
                    return (null, $"Line {line}: a quote inside an unquoted field; put the whole field in quotes and double the quote.");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    if (fields.Count > 1 || fields[0].Length > 0) rows.Add(new CsvRecord(recordLine, fields.ToArray()));
                    fields.Clear();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }

        if (quoted) return (null, $"Line {recordLine}: a quoted field is not closed before the end of the file.");
        if (fieldStarted || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add(new CsvRecord(recordLine, fields.ToArray()));
        }

        if (rows.Count == 0) return (null, "The file is empty; it needs a header row (for example: email,first name,last name,rank,units).");
        var headers = rows[0].Fields.Select(h => h.Trim()).ToList();
        if (headers.All(h => h.Length == 0)) return (null, "The header row is empty.");
        var duplicate = headers.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return (null, $"The header '{duplicate.Key}' appears more than once.");
        return (new CsvTable(headers, rows.Skip(1).ToList()), null);
    }
}

/// <summary>One record and the line of the file it starts on.</summary>
public sealed record CsvRecord(int Line, string[] Fields)
{
    public string Field(int index) => index < Fields.Length ? Fields[index].Trim() : "";
}
