namespace Platform.AppHost;

/// <summary>The gateway signs internal tokens with the private key; every service verifies them with the public key.</summary>
public sealed record InternalTokenKeyPair(string PrivateKeyPem, string PublicKeyPem);
