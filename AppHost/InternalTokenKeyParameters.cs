using Platform.AppHost.Infrastructure;

namespace Platform.AppHost;

/// <summary>The internal token's keys as parameters: a manifest names them, never holds them.</summary>
public sealed record InternalTokenKeyParameters(
    IResourceBuilder<ParameterResource> SigningKey,
    IResourceBuilder<ParameterResource> PublicKey);

public static class InternalTokenKeyParametersExtensions
{
    /// <summary>When running, the values are the pair kept under {data}/internal-token, created on the first run.</summary>
    public static InternalTokenKeyParameters AddInternalTokenKeys(this IDistributedApplicationBuilder builder, InfrastructureSettings settings)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            var pair = InternalTokenKeys.LoadOrCreate(Path.Combine(settings.DataDirectory, "internal-token"));
            builder.Configuration["Parameters:internal-token-signing-key"] = pair.PrivateKeyPem;
            builder.Configuration["Parameters:internal-token-public-key"] = pair.PublicKeyPem;
        }

        return new InternalTokenKeyParameters(
            builder.AddParameter("internal-token-signing-key", secret: true),
            builder.AddParameter("internal-token-public-key"));
    }
}
