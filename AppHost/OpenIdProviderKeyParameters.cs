using Platform.AppHost.Infrastructure;

using System.Security.Cryptography;

namespace Platform.AppHost;

/// <summary>
/// The OpenID provider's keys as parameters, like the internal token's: an ES256 signing key and the key that encrypts
/// codes and refresh tokens. When running they are kept under {data}/openid, created on the first run, so tokens
/// issued before a restart stay valid and every run signs as production does (not with a development certificate).
/// </summary>
public sealed record OpenIdProviderKeyParameters(IResourceBuilder<ParameterResource> SigningKey, IResourceBuilder<ParameterResource> EncryptionKey);

public static class OpenIdProviderKeyParametersExtensions
{
    private const string EncryptionKeyFileName = "encryption-key";

    public static OpenIdProviderKeyParameters AddOpenIdProviderKeys(this IDistributedApplicationBuilder builder, InfrastructureSettings settings)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            var folder = Path.Combine(settings.DataDirectory, "openid");
            builder.Configuration["Parameters:openid-signing-key"] = InternalTokenKeys.LoadOrCreate(folder).PrivateKeyPem;
            builder.Configuration["Parameters:openid-encryption-key"] = LoadOrCreateEncryptionKey(Path.Combine(folder, EncryptionKeyFileName));
        }

        return new OpenIdProviderKeyParameters(
            builder.AddParameter("openid-signing-key", secret: true),
            builder.AddParameter("openid-encryption-key", secret: true));
    }

    public static IResourceBuilder<ProjectResource> WithOpenIdProviderKeys(this IResourceBuilder<ProjectResource> identity, OpenIdProviderKeyParameters keys) =>
        identity.WithEnvironment("OpenIdConnect__SigningKeys__0", keys.SigningKey)
            .WithEnvironment("OpenIdConnect__EncryptionKey", keys.EncryptionKey);

    private static string LoadOrCreateEncryptionKey(string path)
    {
        // A file a crashed run left empty or cut short is made again rather than read as a key.
        if (File.Exists(path) && IsKey(File.ReadAllText(path).Trim())) return File.ReadAllText(path).Trim();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(path, options)) writer.Write(key + "\n");
        return key;
    }

    private static bool IsKey(string text)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == 32;
    }
}
