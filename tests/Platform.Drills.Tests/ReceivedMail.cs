using System.Text.RegularExpressions;

namespace Platform.Drills.Tests;

/// <summary>
/// What the SMTP sink accepted, read from the files maildev writes (one per email): unlike its API, they
/// survive a restart of the sink, which is what a drill does to it.
/// </summary>
public sealed partial class ReceivedMail(string directory)
{
    public int Count => Directory.Exists(directory) ? Directory.GetFiles(directory, "*.eml").Length : 0;

    /// <summary>How many emails each recipient received, from the <c>To:</c> header of each file.</summary>
    public async Task<Dictionary<string, int>> PerRecipientAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.Exists(directory) ? Directory.GetFiles(directory, "*.eml") : [])
        {
            using var reader = new StreamReader(file);
            while (await reader.ReadLineAsync() is { Length: > 0 } line)
            {
                if (!line.StartsWith("To:", StringComparison.OrdinalIgnoreCase)) continue;
                var address = Address().Match(line).Value;
                counts[address] = counts.GetValueOrDefault(address) + 1;
                break;
            }
        }

        return counts;
    }

    /// <summary>
    /// Waits until every one of <paramref name="recipients"/> has an email, then a moment for stragglers
    /// (a duplicate arrives after the first), and returns the counts for them.
    /// </summary>
    public async Task<IReadOnlyList<int>> WaitForEachAsync(IReadOnlyCollection<string> recipients, TimeSpan timeout)
    {
        await Eventually.TrueAsync(async () =>
        {
            var counts = await PerRecipientAsync();
            return recipients.All(counts.ContainsKey);
        }, $"an email to each of {recipients.Count} recipients", timeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var final = await PerRecipientAsync();
        return recipients.Select(r => final.GetValueOrDefault(r)).ToList();
    }

    [GeneratedRegex(@"[^\s<>"":,]+@[^\s<>"":,]+")]
    private static partial Regex Address();
}
