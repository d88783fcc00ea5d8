namespace Platform.Notifications.Templates;

/// <summary>
/// The template files found at start: <c>{template}/{part}.{locale}.hbs</c> and <c>_layout.{locale}.hbs</c>.
/// Lookups go through this index, never through paths built from a caller's input, and fall back per
/// file: <c>de-AT</c>, then <c>de</c>, then English.
/// </summary>
internal sealed class TemplateFiles
{
    public const string DefaultLocale = "en";
    public const string Layout = "_layout";
    public static readonly string[] Parts = ["subject", "html", "text"];

    private readonly Dictionary<(string Template, string Part, string Locale), string> files = [];

    public TemplateFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"The email template directory {directory} does not exist.");
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.hbs"))
        {
            Add(Layout, Path.GetFileName(file), file);
        }

        foreach (var folder in Directory.EnumerateDirectories(directory).Where(f => !Path.GetFileName(f).StartsWith('_')))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.hbs"))
            {
                Add(Path.GetFileName(folder), Path.GetFileName(file), file);
            }
        }

        Names = files.Keys.Select(k => k.Template).Where(t => t != Layout).Distinct().Order(StringComparer.Ordinal).ToList();
        EnsureEnglishIsComplete(directory);
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> LocalesOf(string template) =>
        files.Keys.Where(k => k.Template == template).Select(k => k.Locale).Distinct().Order(StringComparer.Ordinal).ToList();

    public bool Contains(string template) => template != Layout && files.Keys.Any(k => k.Template == template);

    /// <summary>The file for the first of <paramref name="locales"/> that has one, with the locale it is in.</summary>
    public (string Path, string Locale) Find(string template, string part, IEnumerable<string> locales)
    {
        foreach (var locale in locales)
        {
            if (files.TryGetValue((template, part, locale), out var path))
            {
                return (path, locale);
            }
        }

        throw new ArgumentException($"There is no email template {template} with a {part} part.", nameof(template));
    }

    /// <summary><c>de-AT</c> → <c>de-at</c>, <c>de</c>, <c>en</c>.</summary>
    public static IReadOnlyList<string> Candidates(string? locale)
    {
        var candidates = new List<string>();
        var requested = locale?.Trim().Replace('_', '-').ToLowerInvariant();
        if (!string.IsNullOrEmpty(requested))
        {
            candidates.Add(requested);
            var dash = requested.IndexOf('-');
            if (dash > 0)
            {
                candidates.Add(requested[..dash]);
            }
        }

        candidates.Add(DefaultLocale);
        return candidates.Distinct().ToList();
    }

    private void Add(string template, string fileName, string path)
    {
        // subject.de.hbs → part "subject", locale "de"; _layout.de.hbs → part "_layout".
        var name = Path.GetFileNameWithoutExtension(fileName);
        var dot = name.IndexOf('.');
        if (dot <= 0)
        {
            return;
        }

        files[(template, name[..dot], name[(dot + 1)..].ToLowerInvariant())] = path;
    }

    private void EnsureEnglishIsComplete(string directory)
    {
        var missing = Names.SelectMany(name => Parts.Where(part => !files.ContainsKey((name, part, DefaultLocale))).Select(part => $"{name}/{part}.{DefaultLocale}.hbs"))
            .Append(files.ContainsKey((Layout, Layout, DefaultLocale)) ? null : $"{Layout}.{DefaultLocale}.hbs")
            .OfType<string>()
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"English is the fallback for every email template, but {directory} lacks {string.Join(", ", missing)}.");
        }
    }
}
