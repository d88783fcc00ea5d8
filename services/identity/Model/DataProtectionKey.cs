namespace Platform.Identity.Model;

/// <summary>One key of the Data Protection key ring (its XML as ASP.NET Core writes it), shared by every replica through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; private set; }
    public string? FriendlyName { get; private set; }
    public string Xml { get; private set; } = "";

    private DataProtectionKey() { }

    public static DataProtectionKey Store(string? friendlyName, string xml) => new() { FriendlyName = friendlyName, Xml = xml };
}
