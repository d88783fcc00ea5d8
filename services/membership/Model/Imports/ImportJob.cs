using Platform.Membership.Model.Access;

namespace Platform.Membership.Model.Imports;

public enum ImportState
{
    /// <summary>Uploaded and planned (the dry run); the mapping can still change.</summary>
    Previewed,
    /// <summary>Committed by someone: the worker processes its rows in batches.</summary>
    Committing,
    Completed,
    Failed,
}

public enum ImportMode
{
    /// <summary>An inactive pending account for each new person; nobody is emailed (yet).</summary>
    Placeholder,
    /// <summary>An invitation email for each new person, as the invitations endpoint sends.</summary>
    Invite,
}

/// <summary>
/// One uploaded file and what becomes of it: planned (with a verdict per row), then committed and
/// processed in batches by a background worker that keeps <see cref="Processed"/> current. The worker
/// holds a lease that each batch renews; a job whose lease ran out (its process died) is taken up again
/// from <see cref="LastRowNumber"/>, the last row whose effects were committed.
/// </summary>
public sealed class ImportJob
{
    public const int MaxIdempotencyKeyLength = 200;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid CreatedBy { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public byte[] FileHash { get; private set; } = [];
    public long FileBytes { get; private set; }
    public ImportState State { get; private set; }
    public Rank DefaultRank { get; private set; }
    public Dictionary<string, string> Mapping { get; private set; } = [];
    /// <summary>Why nothing can be committed as mapped (no column is the email), or null.</summary>
    public string? MappingProblem { get; private set; }
    public int TotalRows { get; private set; }
    public Dictionary<string, int> Verdicts { get; private set; } = [];

    public ImportMode? Mode { get; private set; }
    public Guid? CommittedBy { get; private set; }
    public Rank? CommitterRank { get; private set; }
    public string? CommitterScopePath { get; private set; }
    public bool CommitterIsPlatformAdmin { get; private set; }
    /// <summary>Rows to process when committed: those planned as new or update.</summary>
    public int ToProcess { get; private set; }
    public int Processed { get; private set; }
    public int LastRowNumber { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    /// <summary>Rows that were fine at the dry run but not by the time they were committed (someone else invited them meanwhile).</summary>
    public int Skipped { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CommittedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    private ImportJob() { }

    public static ImportJob Upload(Guid organizationId, Guid createdBy, string? idempotencyKey, byte[] fileHash, long fileBytes, Rank defaultRank, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        CreatedBy = createdBy,
        IdempotencyKey = idempotencyKey,
        FileHash = fileHash,
        FileBytes = fileBytes,
        DefaultRank = defaultRank,
        State = ImportState.Previewed,
        CreatedAt = now,
    };

    public bool Repeats(Guid organizationId, byte[] fileHash) => OrganizationId == organizationId && FileHash.AsSpan().SequenceEqual(fileHash);

    /// <summary>Records a (new) dry run; refused once committed.</summary>
    public string? RecordPlan(ImportMapping mapping, Rank defaultRank, string? mappingProblem, int totalRows, Dictionary<string, int> verdicts)
    {
        if (State != ImportState.Previewed) return $"The import is {Name(State)}; its mapping can no longer change.";
        Mapping = mapping.Columns.ToDictionary();
        DefaultRank = defaultRank;
        MappingProblem = mappingProblem;
        TotalRows = totalRows;
        Verdicts = verdicts;
        return null;
    }

    public string? Commit(ImportMode mode, Actor actor, DateTimeOffset now)
    {
        if (State != ImportState.Previewed) return $"The import is already {Name(State)}; upload the file again to import it again.";
        if (MappingProblem is not null) return MappingProblem;
        State = ImportState.Committing;
        Mode = mode;
        CommittedBy = actor.UserId;
        CommitterRank = actor.Rank;
        CommitterScopePath = actor.ScopePath;
        CommitterIsPlatformAdmin = actor.PlatformAdmin;
        ToProcess = Verdicts.Where(v => ImportVerdicts.WillChange(v.Key)).Sum(v => v.Value);
        CommittedAt = now;
        if (ToProcess == 0) Complete(now);
        return null;
    }

    /// <summary>The committer as the delegation rules see them, as they were when they committed.</summary>
    public Actor Committer() => CommitterIsPlatformAdmin
        ? Actor.PlatformAdministrator(CommittedBy!.Value)
        : new Actor(CommittedBy!.Value, CommitterRank!.Value, CommitterScopePath);

    public bool IsLeasedAt(DateTimeOffset now) => LeaseUntil is { } until && until > now;

    public void Lease(DateTimeOffset until) => LeaseUntil = until;

    /// <summary>One batch's effects were written: moves the cursor past its last row and renews the lease.</summary>
    public void Advance(int lastRowNumber, int rows, int created, int updated, int skipped, DateTimeOffset leaseUntil)
    {
        LastRowNumber = lastRowNumber;
        Processed += rows;
        Created += created;
        Updated += updated;
        Skipped += skipped;
        LeaseUntil = leaseUntil;
    }

    public void Complete(DateTimeOffset now)
    {
        State = ImportState.Completed;
        CompletedAt = now;
        LeaseUntil = null;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        State = ImportState.Failed;
        Error = error;
        CompletedAt = now;
        LeaseUntil = null;
    }

    public static string Name(ImportState state) => state.ToString().ToLowerInvariant();
}

/// <summary>The uploaded bytes, kept apart from the job so polling its progress does not read them.</summary>
public sealed class ImportFile(Guid importId, byte[] content)
{
    public Guid ImportId { get; private set; } = importId;
    public byte[] Content { get; private set; } = content;
}

/// <summary>One planned row of an import, as the dry run left it (written with COPY by <c>ImportPreview</c>).</summary>
public sealed class ImportRow
{
    public Guid ImportId { get; private set; }
    public int RowNumber { get; private set; }
    public int Line { get; private set; }
    public string Email { get; private set; } = "";
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public Rank? Rank { get; private set; }
    public List<Guid>? UnitIds { get; private set; }
    public Dictionary<string, string> CustomFields { get; private set; } = [];
    public string Verdict { get; private set; } = "";
    public string? Detail { get; private set; }
    public Guid? UserId { get; private set; }
    /// <summary>The invitation's language (en, de) from the file's language column, or null for the default.</summary>
    public string? Language { get; private set; }

    private ImportRow() { }
}
