using System.Security.Cryptography;

namespace Platform.Identity.Model;

/// <summary>
/// A password hashing algorithm with its parameters. Records compare by value, so "the stored hash was made
/// with other parameters than the configured ones" is plain inequality.
/// </summary>
public abstract record PasswordHashAlgorithm
{
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    /// <summary>The first field of the stored form: <c>argon2id</c>, <c>pbkdf2-sha512</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The second field of the stored form, e.g. <c>m=19456,t=2,p=1</c>.</summary>
    public abstract string Parameters { get; }

    /// <summary>Derives <paramref name="output"/>.Length bytes from the (already normalized, UTF-8) password.</summary>
    public abstract void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Span<byte> output);

    /// <summary>The algorithm a stored hash names, or null when the name or parameters are not ones we compute.</summary>
    public static PasswordHashAlgorithm? Parse(string name, string parameters) => name switch
    {
        Argon2idAlgorithm.AlgorithmName => Argon2idAlgorithm.ParseParameters(parameters),
        Pbkdf2Sha512Algorithm.AlgorithmName => Pbkdf2Sha512Algorithm.ParseParameters(parameters),
        _ => null,
    };
}

/// <summary>A stored password hash: <c>algorithm$parameters$salt$hash</c>, salt and hash in Base64.</summary>
public sealed record StoredPasswordHash(PasswordHashAlgorithm Algorithm, byte[] Salt, byte[] Hash)
{
    public static StoredPasswordHash Create(PasswordHashAlgorithm algorithm, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(PasswordHashAlgorithm.SaltBytes);
        return new StoredPasswordHash(algorithm, salt, Derive(algorithm, password, salt, PasswordHashAlgorithm.HashBytes));
    }

    public override string ToString() =>
        $"{Algorithm.Name}${Algorithm.Parameters}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(Hash)}";

    public static StoredPasswordHash? Parse(string stored)
    {
        if (stored.Split('$') is not [var name, var parameters, var salt, var hash]) return null;
        if (PasswordHashAlgorithm.Parse(name, parameters) is not { } algorithm) return null;
        if (FromBase64(salt) is not { Length: PasswordHashAlgorithm.SaltBytes } saltBytes) return null;
        if (FromBase64(hash) is not { Length: >= 16 and <= 64 } hashBytes) return null;
        return new StoredPasswordHash(algorithm, saltBytes, hashBytes);
    }

    /// <summary>Derives the key for <paramref name="password"/> and compares it in constant time.</summary>
    public bool Matches(string password) =>
        CryptographicOperations.FixedTimeEquals(Hash, Derive(Algorithm, password, Salt, Hash.Length));

    // Passwords are NFKC-normalized first, so every Unicode form of one password hashes alike.
    private static byte[] Derive(PasswordHashAlgorithm algorithm, string password, byte[] salt, int length)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(PasswordRules.Normalize(password));
        var output = new byte[length];
        try
        {
            algorithm.Derive(bytes, salt, output);
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static byte[]? FromBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
