namespace Platform.ServiceDefaults.Email;

/// <summary>
/// The languages people may choose for their emails and screens: those every email template exists in
/// (notifications' Templates folder). Identity keeps the person's choice; membership an invitation's.
/// No choice (null) means the default, English.
/// </summary>
public static class Languages
{
    public const int MaxLength = 10;
    /// <summary>The language of someone who chose none.</summary>
    public const string Default = "en";
    public static readonly IReadOnlyList<string> Supported = ["en", "de"];

    /// <summary>Null or blank is "no choice"; otherwise one of <see cref="Supported"/>, case-insensitive.</summary>
    public static bool TryNormalize(string? input, out string? language)
    {
        language = string.IsNullOrWhiteSpace(input) ? null : input.Trim().ToLowerInvariant();
        return language is null || Supported.Contains(language);
    }

    public static string Problem => $"One of {string.Join(", ", Supported)} (or leave it out for English).";
}
