using System.Security.Cryptography;

namespace Platform.AppHost;

public static class InternalTokenKeys
{
    public const string PrivateKeyFileName = "signing-key.pem";
    public const string PublicKeyFileName = "public-key.pem";

    /// <summary>
    /// Reads the ECDSA P-256 pair from <paramref name="directory"/>, creating it once: keeping it across runs keeps
    /// tokens issued before a restart valid.
    /// </summary>
    public static InternalTokenKeyPair LoadOrCreate(string directory)
    {
        var privatePath = Path.Combine(directory, PrivateKeyFileName);
        var publicPath = Path.Combine(directory, PublicKeyFileName);
        if (File.Exists(privatePath) && File.Exists(publicPath))
        {
            return new InternalTokenKeyPair(File.ReadAllText(privatePath), File.ReadAllText(publicPath));
        }

        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pair = new InternalTokenKeyPair(key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());

        // Created with mode 600 from the start: the private key is never readable by others, not even briefly.
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(privatePath, options))
        {
            writer.Write(pair.PrivateKeyPem + "\n");
        }

        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(publicPath, pair.PublicKeyPem + "\n");
        return pair with { PrivateKeyPem = pair.PrivateKeyPem + "\n", PublicKeyPem = pair.PublicKeyPem + "\n" };
    }
}
