using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Imports;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Apis;

/// <summary>
/// Importing people from a CSV file: upload (the dry run: columns mapped, a verdict per row, totals),
/// change the mapping if needed, then commit; a background worker writes the rows in batches and the
/// job shows its progress. Who may import: owners and admins, and managers under the delegation rules
/// (a manager scoped to a unit only updates members inside it; nobody grants a rank at or above their own).
/// </summary>
public static class ImportsApi
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder routes)
    {
        var imports = routes.MapGroup("/organizations/{organizationId:guid}/imports").WithTags("Imports");
        imports.MapPost("/", Upload).WithName("UploadImport")
            .WithSummary("Upload a CSV file (the body, Content-Type text/csv, UTF-8, header row) and get its dry run")
            .WithDescription($"Columns are mapped from their headers (email, first name, last name, rank, units by name or id separated by ';', "
                + "language (en or de; of the invitation, so it applies to new people only: an existing member's language is their own), "
                + $"custom fields by key or label); `?rank=` is the rank of rows without one (member). A language other than en or de is the row's "
                + $"error unknown-language, whose detail names the row and the column. At most {ImportOptions.DefaultMaxFileBytes / (1024 * 1024)} MiB "
                + $"and {ImportPlanner.MaxRows:N0} rows. A repeated Idempotency-Key with the same file answers with the first import.");
        imports.MapGet("/", List).WithName("ListImports").WithSummary("The organization's imports, newest first, paged");
        imports.MapGet("/{importId:guid}", Get).WithName("GetImport").WithSummary("An import: its state, totals per verdict and progress (processed of toProcess)");
        imports.MapGet("/{importId:guid}/rows", Rows).WithName("ListImportRows").WithSummary("The dry run's verdict per row, filterable by verdict, paged");
        imports.MapPut("/{importId:guid}/mapping", Remap).WithName("MapImportColumns")
            .WithSummary("Map columns to fields (header -> email, firstName, lastName, rank, units, language, field:<key>, ignore) and plan again")
            .WithDescription("PUT replaces the mapping: columns (an empty object maps every column by its header) and rank (of rows without one) "
                + "are both required, and a missing one is a 400 naming it.");
        imports.MapPost("/{importId:guid}/commit", Commit).WithName("CommitImport")
            .WithSummary("Write the rows planned as new or update: mode placeholder (pending accounts, no email) or invite (invitation emails)");
        return routes;
    }

    public static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid organizationId, string? rank, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context,
        OrganizationAccess access, MembershipDbContext db, ImportPreview preview, TimeProvider time, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var (caller, problem) = await ImporterAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (!Ranks.TryParse(rank ?? "member", out var defaultRank) || defaultRank == Rank.Owner) errors["rank"] = ["One of admin, manager, member, viewer."];
        if (idempotencyKey is { Length: 0 or > ImportJob.MaxIdempotencyKeyLength }) errors["Idempotency-Key"] = [$"1 to {ImportJob.MaxIdempotencyKeyLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (context.Request.ContentType is { } type && !IsCsv(type))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, type: ProblemTypes.MalformedRequest, title: "Unsupported media type.",
                detail: $"Send the CSV file itself as the request body with Content-Type text/csv, not {type.Split(';')[0]}.");

        var (content, tooLarge) = await ReadBoundedAsync(context.Request, options.Value.MaxFileBytes, cancellationToken);
        if (tooLarge) return TooLarge(options.Value.MaxFileBytes);
        var (table, csvProblem) = CsvTable.Parse(content);
        if (table is null) return Problems.Validation("file", csvProblem!);

        var hash = SHA256.HashData(content);
        if (idempotencyKey is not null && await RepeatedAsync(db, caller!, idempotencyKey, organizationId, hash, cancellationToken) is { } repeated) return repeated;

        var job = ImportJob.Upload(organizationId, caller!.Actor.UserId, idempotencyKey, hash, content.Length, defaultRank, time.GetUtcNow());
        db.ImportJobs.Add(job);
        db.ImportFiles.Add(new ImportFile(job.Id, content));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && idempotencyKey is not null)
        {
            db.ChangeTracker.Clear();
            return await RepeatedAsync(db, caller, idempotencyKey, organizationId, hash, cancellationToken)
                ?? Problems.Conflict("This Idempotency-Key is being used by another upload at this moment.");
        }

        await preview.PlanAsync(job, table, ImportMapping.Automatic(table.Headers, caller.Organization.CustomFields), caller.Organization, caller.Actor, defaultRank, cancellationToken);
        return TypedResults.Created($"/organizations/{organizationId}/imports/{job.Id}", ImportResponse.From(job, table.Headers));
    }

    public static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Remap(
        Guid organizationId, Guid importId, ImportMappingRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        ImportPreview preview, CancellationToken cancellationToken)
    {
        var (caller, job, problem) = await FindAsync(organizationId, importId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        if (job!.State != ImportState.Previewed) return Problems.Conflict($"The import is {ImportJob.Name(job.State)}; its mapping can no longer change.");
        if (JsonMergePatch.MissingFromPut("the mapping", ("columns", request.Columns), ("rank", request.Rank)) is { Count: > 0 } missing)
            return Problems.Validation(missing);
        if (!Ranks.TryParse(request.Rank, out var defaultRank) || defaultRank == Rank.Owner)
            return Problems.Validation("rank", "One of admin, manager, member, viewer.");
        if (request.Columns is { Count: > 1000 }) return Problems.Validation("columns", "At most 1,000 columns.");

        var content = await db.ImportFiles.AsNoTracking().Where(f => f.ImportId == importId).Select(f => f.Content).SingleAsync(cancellationToken);
        var (table, _) = CsvTable.Parse(content);
        var (mapping, errors) = ImportMapping.With(table!.Headers, caller!.Organization.CustomFields, request.Columns ?? []);
        if (mapping is null) return Problems.Validation(errors.ToDictionary(e => $"columns.{e.Key}", e => e.Value));

        try
        {
            await preview.PlanAsync(job, table, mapping, caller.Organization, caller.Actor, defaultRank, cancellationToken);
        }
        catch (ImportChangedException)
        {
            return ChangedMeanwhile();
        }

        return TypedResults.Ok(ImportResponse.From(job, table.Headers));
    }

    public static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> Commit(
        Guid organizationId, Guid importId, CommitImportRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        ImportSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        // Locked first, so a remap at the same moment either finishes before this reads the job or finds it committed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "ImportJobs" WHERE "Id" = {importId} AND "OrganizationId" = {organizationId} FOR UPDATE""", cancellationToken);
        var (caller, job, problem) = await FindAsync(organizationId, importId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        if (!Enum.TryParse<ImportMode>(request.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(request.Mode, out _))
            return Problems.Validation("mode", "placeholder (pending accounts, nobody is emailed) or invite (an invitation email to each new person).");
        // The dry run was made with the uploader's rights; the committer's must allow at least as much.
        if (job!.CreatedBy != caller!.Actor.UserId && !caller.Actor.PlatformAdmin && (caller.Actor.Rank < Rank.Admin || caller.Actor.ScopePath is not null))
            return Problems.Forbidden("an import is committed by whoever uploaded it, or by an owner or admin of the organization");
        if (job.Commit(mode, caller.Actor, time.GetUtcNow()) is { } refusal) return Problems.Conflict(refusal);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/organizations/{organizationId}/imports/{job.Id}", ImportResponse.From(job, null));
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Get(
        Guid organizationId, Guid importId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (_, job, problem) = await FindAsync(organizationId, importId, context, access, db, cancellationToken, tracked: false);
        return problem ?? (Results<Ok<ImportResponse>, ProblemHttpResult>)TypedResults.Ok(ImportResponse.From(job!, null));
    }

    public static async Task<Results<Ok<ImportPage>, ValidationProblem, ProblemHttpResult>> List(
        Guid organizationId, int? page, int? pageSize, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (_, problem) = await ImporterAsync(organizationId, context, access, cancellationToken, reading: true);
        if (problem is not null) return problem;
        if (Paging(page, pageSize, 50) is not var (number, size)) return Problems.Validation("pageSize", $"page at least 1, pageSize between 1 and {MaxPageSize}.");
        var query = db.ImportJobs.AsNoTracking().Where(j => j.OrganizationId == organizationId);
        var total = await query.CountAsync(cancellationToken);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ImportPage(jobs.Select(j => ImportResponse.From(j, null)).ToList(), number, size, total));
    }

    public static async Task<Results<Ok<ImportRowPage>, ValidationProblem, ProblemHttpResult>> Rows(
        Guid organizationId, Guid importId, string? verdict, int? page, int? pageSize, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        CancellationToken cancellationToken)
    {
        var (_, job, problem) = await FindAsync(organizationId, importId, context, access, db, cancellationToken, tracked: false);
        if (problem is not null) return problem;
        if (Paging(page, pageSize, 100) is not var (number, size)) return Problems.Validation("pageSize", $"page at least 1, pageSize between 1 and {MaxPageSize}.");
        if (verdict is not null && verdict != "error" && !ImportVerdicts.All.Contains(verdict))
            return Problems.Validation("verdict", $"One of error, {string.Join(", ", ImportVerdicts.All)}.");

        var query = db.ImportRows.AsNoTracking().Where(r => r.ImportId == job!.Id);
        if (verdict == "error")
        {
            string[] fine = [ImportVerdicts.New, ImportVerdicts.Update, ImportVerdicts.AlreadyMember, ImportVerdicts.AlreadyInvited];
            query = query.Where(r => !fine.Contains(r.Verdict));
        }
        else if (verdict is not null) query = query.Where(r => r.Verdict == verdict);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.RowNumber).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ImportRowPage(rows.Select(ImportRowResponse.From).ToList(), number, size, total));
    }

    private static async Task<(Caller? Caller, ProblemHttpResult? Problem)> ImporterAsync(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken, bool reading = false)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, Problems.NotFound("Organization"));
        if (!caller.Actor.PlatformAdmin && caller.Actor.Rank < Rank.Manager) return (caller, Problems.Forbidden("imports are for owners, admins and managers"));
        if (!reading && caller.IsArchived) return (caller, Problems.Archived());
        return (caller, null);
    }

    private static ProblemHttpResult ChangedMeanwhile() =>
        Problems.Conflict("The import was committed while this mapping was being applied; it keeps the mapping it was committed with.");

    private static async Task<(Caller? Caller, ImportJob? Job, ProblemHttpResult? Problem)> FindAsync(
        Guid organizationId, Guid importId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken, bool tracked = true)
    {
        var (caller, problem) = await ImporterAsync(organizationId, context, access, cancellationToken, reading: !tracked);
        if (problem is not null) return (caller, null, problem);
        var jobs = tracked ? db.ImportJobs : db.ImportJobs.AsNoTracking();
        var job = await jobs.SingleOrDefaultAsync(j => j.Id == importId && j.OrganizationId == organizationId, cancellationToken);
        return job is null ? (caller, null, Problems.NotFound("Import")) : (caller, job, null);
    }

    private static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>?> RepeatedAsync(
        MembershipDbContext db, Caller caller, string idempotencyKey, Guid organizationId, byte[] hash, CancellationToken cancellationToken)
    {
        var earlier = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.CreatedBy == caller.Actor.UserId && j.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null) return null;
        if (!earlier.Repeats(organizationId, hash)) return Problems.Conflict("This Idempotency-Key was used for a different file.");
        return TypedResults.Ok(ImportResponse.From(earlier, null));
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; says so instead of reading on when the body is larger.</summary>
    private static async Task<(byte[] Content, bool TooLarge)> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return ([], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return ([], true);
            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, type: ProblemTypes.PayloadTooLarge, title: "The file is too large.",
        detail: $"An import file has at most {limit:N0} bytes ({limit / (1024.0 * 1024):0.#} MiB) and {ImportPlanner.MaxRows:N0} rows; split it into several files.");

    private static bool IsCsv(string contentType) =>
        contentType.Split(';')[0].Trim().ToLowerInvariant() is "text/csv" or "application/csv" or "text/plain" or "application/octet-stream" or "application/vnd.ms-excel";

    private static (int Page, int Size)? Paging(int? page, int? pageSize, int defaultSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? defaultSize;
        return number < 1 || size is < 1 or > MaxPageSize ? null : (number, size);
    }
}

/// <summary>The whole mapping: PUT replaces it, so both are required.</summary>
public sealed record ImportMappingRequest([property: Required] Dictionary<string, string?>? Columns, [property: Required] string? Rank);
public sealed record CommitImportRequest(string? Mode);

public sealed record ImportResponse(
    Guid Id, string State, string? Mode, string DefaultRank, IReadOnlyList<string>? Headers, IReadOnlyDictionary<string, string> Mapping, string? MappingProblem,
    int TotalRows, IReadOnlyDictionary<string, int> Verdicts, int Ready, int ToSkip, int Errors,
    int ToProcess, int Processed, int Created, int Updated, int Skipped, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? CommittedAt, DateTimeOffset? CompletedAt)
{
    public static ImportResponse From(ImportJob job, IReadOnlyList<string>? headers) => new(
        job.Id, ImportJob.Name(job.State), job.Mode?.ToString().ToLowerInvariant(), Ranks.Name(job.DefaultRank), headers, job.Mapping, job.MappingProblem,
        job.TotalRows, job.Verdicts,
        job.Verdicts.Where(v => ImportVerdicts.WillChange(v.Key)).Sum(v => v.Value),
        job.Verdicts.Where(v => ImportVerdicts.IsSkip(v.Key)).Sum(v => v.Value),
        job.Verdicts.Where(v => ImportVerdicts.IsError(v.Key)).Sum(v => v.Value),
        job.ToProcess, job.Processed, job.Created, job.Updated, job.Skipped, job.Error, job.CreatedAt, job.CommittedAt, job.CompletedAt);
}

public sealed record ImportPage(IReadOnlyList<ImportResponse> Items, int Page, int PageSize, int Total);

public sealed record ImportRowResponse(
    int Row, int Line, string Email, string? FirstName, string? LastName, string? Rank, IReadOnlyList<Guid>? UnitIds,
    IReadOnlyDictionary<string, string> CustomFields, string Verdict, string? Detail, string? Language)
{
    public static ImportRowResponse From(ImportRow row) => new(
        row.RowNumber, row.Line, row.Email, row.FirstName, row.LastName, row.Rank is { } rank ? Ranks.Name(rank) : null, row.UnitIds,
        row.CustomFields, row.Verdict, row.Detail, row.Language);
}

public sealed record ImportRowPage(IReadOnlyList<ImportRowResponse> Items, int Page, int PageSize, int Total);
