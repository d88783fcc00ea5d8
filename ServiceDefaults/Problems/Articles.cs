namespace Platform.ServiceDefaults.Problems;

/// <summary>
/// "an admin", "a member": refusals name ranks and states by their lowercase names, and a plain "a"
/// in front of one that starts with a vowel (admin, owner, archived, active, inactive) reads wrong.
/// </summary>
public static class Articles
{
    public static string A(string word) => $"{(word.Length > 0 && "aeiouAEIOU".Contains(word[0]) ? "an" : "a")} {word}";

    /// <summary><see cref="A"/> at the start of a sentence.</summary>
    public static string CapitalA(string word) => char.ToUpperInvariant(A(word)[0]) + A(word)[1..];
}
