namespace Platform.Membership;

/// <summary>Marks this assembly for hosts and tests (WebApplicationFactory&lt;MembershipApi&gt;).</summary>
public sealed class MembershipApi;
