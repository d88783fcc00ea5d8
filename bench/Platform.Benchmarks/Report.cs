using System.Globalization;
using System.Text;

namespace Platform.Benchmarks;

public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", headers)} |");
        text.AppendLine($"|{string.Concat(headers.Select(_ => " --- |"))}");
        foreach (var row in _rows) text.AppendLine($"| {string.Join(" | ", row)} |");
        return text.ToString();
    }
}

public static class Fmt
{
    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Markdown on standard output, ready for BENCHMARKS.md; progress goes to standard error.</summary>
public static class Report
{
    public static void Section(string title, MarkdownTable table, string note)
    {
        Console.Out.WriteLine($"### {title}");
        Console.Out.WriteLine();
        Console.Out.Write(table);
        Console.Out.WriteLine();
        Console.Out.WriteLine(note);
        Console.Out.WriteLine();
        Console.Out.Flush();
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
