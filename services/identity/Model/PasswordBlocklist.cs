using System.Collections.Frozen;

namespace Platform.Identity.Model;

/// <summary>
/// The 30,000 most common passwords from zxcvbn's frequency list (shipped inside the zxcvbn-core
/// package, MIT), compared case-insensitively.
/// </summary>
public sealed class PasswordBlocklist
{
    private const string ResourceName = "zxcvbn-core.Dictionaries.passwords.lst";
    private readonly FrozenSet<string> passwords;

    public PasswordBlocklist(IEnumerable<string> passwords) =>
        this.passwords = passwords.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    public int Count => passwords.Count;

    public bool Contains(string password) => passwords.Contains(password.ToLowerInvariant());

    public static PasswordBlocklist LoadShipped()
    {
        using var stream = typeof(Zxcvbn.Zxcvbn).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The password list {ResourceName} is missing from zxcvbn-core.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return new PasswordBlocklist(lines);
    }
}
