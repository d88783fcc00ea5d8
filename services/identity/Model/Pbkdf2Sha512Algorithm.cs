using System.Globalization;
using System.Security.Cryptography;

namespace Platform.Identity.Model;

/// <summary>PBKDF2-HMAC-SHA512, stored as <c>pbkdf2-sha512$210000$salt$hash</c>.</summary>
public sealed record Pbkdf2Sha512Algorithm(int Iterations) : PasswordHashAlgorithm
{
    public const string AlgorithmName = "pbkdf2-sha512";

    /// <summary>OWASP's minimum for PBKDF2-HMAC-SHA512.</summary>
    public const int MinimumIterations = 210_000;

    public override string Name => AlgorithmName;

    public override string Parameters => Iterations.ToString(CultureInfo.InvariantCulture);

    public override void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Span<byte> output) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, output, Iterations, HashAlgorithmName.SHA512);

    internal static Pbkdf2Sha512Algorithm? ParseParameters(string parameters) =>
        int.TryParse(parameters, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations is >= 1 and <= 100_000_000
            ? new Pbkdf2Sha512Algorithm(iterations)
            : null;
}
