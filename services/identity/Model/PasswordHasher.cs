using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Model;

/// <summary>
/// PBKDF2-HMAC-SHA512, at least OWASP's 210,000 iterations. The stored form names the algorithm and its
/// parameters (<c>pbkdf2-sha512$210000$salt$hash</c>) so parameters can change, old hashes still verify,
/// and a login rehashes them (<see cref="NeedsRehash"/>).
/// </summary>
public sealed class PasswordHasher(int iterations = PasswordHasher.DefaultIterations)
{
    public const int DefaultIterations = 210_000;

    public int Iterations { get; } = Math.Max(DefaultIterations, iterations);
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Algorithm = "pbkdf2-sha512";

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    // Verified against when there is no hash (unknown account, no password yet), so every login costs the same.
    private string DummyHash =>
        $"{Algorithm}${Iterations}${Convert.ToBase64String(new byte[SaltBytes])}${Convert.ToBase64String(new byte[HashBytes])}";

    /// <summary>Always derives a key, also when <paramref name="stored"/> is null, and only then answers.</summary>
    public bool Verify(string password, string? stored)
    {
        var parts = (stored ?? DummyHash).Split('$');
        if (parts is not [Algorithm, _, _, _]) parts = DummyHash.Split('$');
        var matches = Check(password, parts[1], parts[2], parts[3]);
        return stored is not null && matches;
    }

    /// <summary>True when the stored hash was made with other parameters than the configured ones.</summary>
    public bool NeedsRehash(string stored) => !stored.StartsWith($"{Algorithm}${Iterations}$", StringComparison.Ordinal);

    private static bool Check(string password, string iterations, string salt, string hash)
    {
        var expected = Convert.FromBase64String(hash);
        var actual = Derive(password, Convert.FromBase64String(salt), int.Parse(iterations, CultureInfo.InvariantCulture));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(PasswordRules.Normalize(password)), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
}
