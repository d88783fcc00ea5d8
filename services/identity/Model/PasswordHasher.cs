using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Model;

/// <summary>
/// PBKDF2-HMAC-SHA512 at OWASP's 210,000 iterations. The stored form names the algorithm and its
/// parameters (<c>pbkdf2-sha512$210000$salt$hash</c>) so parameters can change and old hashes still verify.
/// </summary>
public sealed class PasswordHasher
{
    public const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Algorithm = "pbkdf2-sha512";

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts is not [Algorithm, var iterations, var salt, var hash]) return false;
        var expected = Convert.FromBase64String(hash);
        var actual = Derive(password, Convert.FromBase64String(salt), int.Parse(iterations, CultureInfo.InvariantCulture));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(PasswordPolicy.Normalize(password)), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
}
