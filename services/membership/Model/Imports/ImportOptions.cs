namespace Platform.Membership.Model.Imports;

/// <summary>Settings under <c>Imports</c>.</summary>
public sealed class ImportOptions
{
    /// <summary>25 MiB: 100,000 rows of about 250 bytes, under Kestrel's default request limit (30,000,000 bytes).</summary>
    public const long DefaultMaxFileBytes = 25 * 1024 * 1024;

    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Rows written per transaction by the worker; progress moves by this much.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>How often the worker looks for committed imports that no process works on.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a worker owns an import without finishing a batch before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
}
