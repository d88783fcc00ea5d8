namespace Platform.Gateway;

/// <summary>Marks this assembly for hosts and tests (WebApplicationFactory&lt;GatewayEntry&gt;).</summary>
public sealed class GatewayEntry;
