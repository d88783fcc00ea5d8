namespace Platform.Identity.Model;

public static class PersonName
{
    public const int MaxLength = 100;

    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = (input ?? "").Trim();
        return normalized.Length is > 0 and <= MaxLength && !normalized.Any(char.IsControl);
    }
}
