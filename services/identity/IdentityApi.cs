namespace Platform.Identity;

/// <summary>Marks this assembly for hosts and tests (WebApplicationFactory&lt;IdentityApi&gt;).</summary>
public sealed class IdentityApi;
