namespace Platform.Approvals;

/// <summary>Marks this assembly for hosts and tests (WebApplicationFactory&lt;ApprovalsApi&gt;).</summary>
public sealed class ApprovalsApi;
