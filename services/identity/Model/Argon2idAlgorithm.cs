using System.Globalization;
using NSec.Cryptography;

namespace Platform.Identity.Model;

/// <summary>
/// Argon2id (RFC 9106) from libsodium's crypto_pwhash, through NSec. Stored as
/// <c>argon2id$m=19456,t=2,p=1$salt$hash</c>: m in KiB, t passes, p lanes.
/// </summary>
public sealed record Argon2idAlgorithm(int MemoryKiB, int Passes, int Parallelism) : PasswordHashAlgorithm
{
    public const string AlgorithmName = "argon2id";

    /// <summary>OWASP's Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.</summary>
    public static readonly Argon2idAlgorithm Owasp = new(19_456, 2, 1);

    /// <summary>Keycloak's default (and the weakest point of OWASP's table): m=7 MiB, t=5, p=1.</summary>
    public static readonly Argon2idAlgorithm Keycloak = new(7_168, 5, 1);

    // OWASP lists equivalent settings from m=47104,t=1 down to m=7168,t=5; all cost at least 7168 KiB x 5 passes.
    private const long MinimumCost = 7_168L * 5;

    public override string Name => AlgorithmName;

    public override string Parameters => string.Create(CultureInfo.InvariantCulture, $"m={MemoryKiB},t={Passes},p={Parallelism}");

    /// <summary>Refuses a configuration below OWASP's table, and more than one lane (libsodium computes one).</summary>
    public Argon2idAlgorithm EnsureRecommended() =>
        Parallelism == 1 && MemoryKiB >= Keycloak.MemoryKiB && (long)MemoryKiB * Passes >= MinimumCost
            ? this
            : throw new ArgumentOutOfRangeException(nameof(MemoryKiB),
                $"Argon2id {Parameters} is below OWASP's recommendation: p=1, m >= 7168 KiB and m x t >= 35840 (m=19456,t=2 or m=7168,t=5, for example).");

    public override void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Span<byte> output)
    {
        var parameters = new Argon2Parameters { DegreeOfParallelism = Parallelism, MemorySize = MemoryKiB, NumberOfPasses = Passes };
        PasswordBasedKeyDerivationAlgorithm.Argon2id(in parameters).DeriveBytes(password, salt, output);
    }

    // Bounds keep a corrupt row from asking for gigabytes; p=1 is all libsodium computes.
    internal static Argon2idAlgorithm? ParseParameters(string parameters)
    {
        if (parameters.Split(',') is not [var m, var t, var p]) return null;
        return Value(m, "m=", 8, 4 * 1024 * 1024) is { } memory
               && Value(t, "t=", 1, 1_000) is { } passes
               && Value(p, "p=", 1, 1) is { } lanes
            ? new Argon2idAlgorithm(memory, passes, lanes)
            : null;
    }

    private static int? Value(string field, string prefix, int min, int max) =>
        field.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(field.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value >= min && value <= max
            ? value
            : null;
}
