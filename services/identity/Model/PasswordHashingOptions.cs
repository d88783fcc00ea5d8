namespace Platform.Identity.Model;

/// <summary>
/// Section <c>Accounts:PasswordHashing</c>. Argon2id with OWASP's parameters unless configured otherwise;
/// changing the algorithm or any parameter rehashes each password at its next successful login.
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Accounts:PasswordHashing";

    /// <summary><c>argon2id</c> or <c>pbkdf2-sha512</c>.</summary>
    public string Algorithm { get; set; } = Argon2idAlgorithm.AlgorithmName;

    /// <summary>Argon2id memory in KiB (m); 19456 = 19 MiB.</summary>
    public int Argon2idMemoryKiB { get; set; } = Argon2idAlgorithm.Owasp.MemoryKiB;

    /// <summary>Argon2id passes over memory (t).</summary>
    public int Argon2idIterations { get; set; } = Argon2idAlgorithm.Owasp.Passes;

    /// <summary>Argon2id lanes (p); libsodium computes one.</summary>
    public int Argon2idParallelism { get; set; } = Argon2idAlgorithm.Owasp.Parallelism;

    /// <summary>PBKDF2-HMAC-SHA512 iterations, never below 210,000. Unset: <c>Accounts:PasswordHashIterations</c>, else 210,000.</summary>
    public int? Pbkdf2Iterations { get; set; }

    /// <summary>The configured algorithm; throws on an unknown name or Argon2id parameters below OWASP's.</summary>
    public PasswordHashAlgorithm ToAlgorithm(int legacyPbkdf2Iterations = Pbkdf2Sha512Algorithm.MinimumIterations) =>
        Algorithm.Trim().ToLowerInvariant() switch
        {
            Argon2idAlgorithm.AlgorithmName =>
                new Argon2idAlgorithm(Argon2idMemoryKiB, Argon2idIterations, Argon2idParallelism).EnsureRecommended(),
            Pbkdf2Sha512Algorithm.AlgorithmName =>
                new Pbkdf2Sha512Algorithm(Math.Max(Pbkdf2Sha512Algorithm.MinimumIterations, Pbkdf2Iterations ?? legacyPbkdf2Iterations)),
            _ => throw new InvalidOperationException(
                $"{SectionName}:Algorithm is '{Algorithm}'; use '{Argon2idAlgorithm.AlgorithmName}' or '{Pbkdf2Sha512Algorithm.AlgorithmName}'."),
        };
}
