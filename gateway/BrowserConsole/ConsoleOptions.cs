namespace Platform.Gateway.BrowserConsole;

/// <summary>Section <c>Console</c>: where the built browser console (console/dist) is.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>
    /// The folder holding index.html and assets/, absolute or relative to the gateway's content root. Empty: the
    /// content root's wwwroot when it has an index.html (a published image), else the repository's console/dist.
    /// </summary>
    public string? Root { get; set; }

    public string ResolveRoot(string contentRoot)
    {
        if (!string.IsNullOrEmpty(Root)) return Path.GetFullPath(Path.Combine(contentRoot, Root));
        var published = Path.Combine(contentRoot, "wwwroot");
        return File.Exists(Path.Combine(published, "index.html"))
            ? published
            : Path.GetFullPath(Path.Combine(contentRoot, "..", "console", "dist"));
    }
}
