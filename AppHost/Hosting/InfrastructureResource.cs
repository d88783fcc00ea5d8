using System.Text.RegularExpressions;

namespace Platform.AppHost.Hosting;

/// <summary>A server the AppHost starts from a local installation, unless ConnectionStrings__&lt;name&gt; is already set.</summary>
public abstract partial class InfrastructureResource : Resource, IResourceWithConnectionString
{
    private protected InfrastructureResource(string name)
        : base(name)
    {
    }

    public bool IsExternal => ExternalConnectionString is not null;

    public string ConnectionString => ExternalConnectionString
        ?? Server?.ConnectionString
        ?? throw new InvalidOperationException($"{Name}: the connection string is known once the application is built.");

    internal string? ExternalConnectionString { get; set; }

    internal ILocalServer? Server { get; set; }

    internal override IReadOnlyList<string> DisplayUrls => IsExternal
        ? [$"{Secrets().Replace(ExternalConnectionString!, "${k}***")} (external)"]
        : Server?.DisplayUrls ?? [];

    internal abstract ILocalServer CreateServer(DistributedApplicationContext context);

    [GeneratedRegex("(?<k>(?:password|pwd)=)[^;]*|(?<k>://[^:/@]+:)[^@/]*(?=@)", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();
}
