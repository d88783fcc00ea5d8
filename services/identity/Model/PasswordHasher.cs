namespace Platform.Identity.Model;

/// <summary>
/// Hashes passwords with the configured algorithm (<see cref="PasswordHashingOptions"/>: Argon2id with OWASP's
/// m=19 MiB, t=2, p=1 by default) and verifies any hash we ever stored. The stored form names the algorithm and
/// its parameters (<c>argon2id$m=19456,t=2,p=1$salt$hash</c>, <c>pbkdf2-sha512$210000$salt$hash</c>), so
/// parameters can change, old hashes keep verifying, and a login rehashes them (<see cref="NeedsRehash"/>).
/// </summary>
public sealed class PasswordHasher
{
    public const int DefaultIterations = Pbkdf2Sha512Algorithm.MinimumIterations;

    // Verified against when there is no usable hash (unknown account, no password yet), so every login costs
    // what a configured hash costs. Its all-zero key matches no password.
    private readonly StoredPasswordHash _dummy;

    /// <summary>PBKDF2-HMAC-SHA512 with at least 210,000 iterations.</summary>
    public PasswordHasher(int iterations = DefaultIterations)
        : this(new Pbkdf2Sha512Algorithm(Math.Max(DefaultIterations, iterations)))
    {
    }

    public PasswordHasher(PasswordHashAlgorithm algorithm)
    {
        Algorithm = algorithm;
        _dummy = new StoredPasswordHash(algorithm, new byte[PasswordHashAlgorithm.SaltBytes], new byte[PasswordHashAlgorithm.HashBytes]);
    }

    /// <summary>What new hashes are made with.</summary>
    public PasswordHashAlgorithm Algorithm { get; }

    /// <summary>
    /// The hasher of section <c>Accounts:PasswordHashing</c>; PBKDF2's iterations fall back on the older
    /// <c>Accounts:PasswordHashIterations</c>. Throws at start on an unknown algorithm or weak Argon2id parameters.
    /// </summary>
    public static PasswordHasher FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(PasswordHashingOptions.SectionName).Get<PasswordHashingOptions>() ?? new PasswordHashingOptions();
        var legacyIterations = configuration.GetValue("Accounts:PasswordHashIterations", DefaultIterations);
        return new PasswordHasher(options.ToAlgorithm(legacyIterations));
    }

    public string Hash(string password) => StoredPasswordHash.Create(Algorithm, password).ToString();

    /// <summary>Always derives a key, also when <paramref name="stored"/> is null or unreadable, and only then answers.</summary>
    public bool Verify(string password, string? stored)
    {
        var parsed = stored is null ? null : StoredPasswordHash.Parse(stored);
        var matches = (parsed ?? _dummy).Matches(password);
        return parsed is not null && matches;
    }

    /// <summary>True when the stored hash was made with another algorithm or other parameters than the configured ones.</summary>
    public bool NeedsRehash(string stored) => StoredPasswordHash.Parse(stored)?.Algorithm != Algorithm;
}
