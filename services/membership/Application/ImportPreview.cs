using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Imports;
using Platform.Membership.Model.Invitations;

namespace Platform.Membership.Application;

/// <summary>
/// The dry run of an import: gathers what the planner needs from the database (units, the members and
/// pending invitations among the file's addresses), plans every row and stores the verdicts (with COPY:
/// a file has up to 100,000 rows) together with the job's totals, in one transaction.
/// </summary>
public sealed class ImportPreview(MembershipDbContext db, TimeProvider time)
{
    public async Task PlanAsync(ImportJob job, CsvTable table, ImportMapping mapping, Organization organization, Actor actor, Rank defaultRank, CancellationToken cancellationToken)
    {
        var plans = new List<ImportRowPlan>();
        string? mappingProblem = null;
        if (mapping.IndexOf(table.Headers, ImportMapping.Email) < 0)
        {
            mappingProblem = $"No column is mapped to email; the file's headers are {string.Join(", ", table.Headers.Select(h => $"'{h}'"))}. Map one with PUT .../mapping.";
        }
        else
        {
            var planner = await PlannerAsync(table, mapping, organization, actor, defaultRank, cancellationToken);
            plans = planner.Plan(table, mapping).ToList();
        }

        var verdicts = plans.GroupBy(p => p.Verdict).ToDictionary(g => g.Key, g => g.Count());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A remap and a commit of the same job at the same moment: whoever locks the job first wins, and a
        // remap that comes second must not replace the rows a commit already handed to the worker.
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "ImportJobs" WHERE "Id" = {job.Id} FOR UPDATE""", cancellationToken);
        var current = await db.ImportJobs.AsNoTracking().Where(j => j.Id == job.Id).Select(j => (ImportState?)j.State).SingleOrDefaultAsync(cancellationToken);
        if (current is not (null or ImportState.Previewed)) throw new ImportChangedException();
        if (job.RecordPlan(mapping, defaultRank, mappingProblem, table.Records.Count, verdicts) is { } refusal) throw new InvalidOperationException(refusal);
        await db.SaveChangesAsync(cancellationToken);
        await db.ImportRows.Where(r => r.ImportId == job.Id).ExecuteDeleteAsync(cancellationToken);
        await CopyAsync(job.Id, plans, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Fresh statistics after a large file, or the worker's batch query may sort every remaining row each time.
        if (plans.Count >= 10_000) await db.Database.ExecuteSqlRawAsync("ANALYZE \"ImportRows\"", cancellationToken);
    }

    private async Task<ImportPlanner> PlannerAsync(CsvTable table, ImportMapping mapping, Organization organization, Actor actor, Rank defaultRank, CancellationToken cancellationToken)
    {
        var emailColumn = mapping.IndexOf(table.Headers, ImportMapping.Email);
        var emails = table.Records.Take(ImportPlanner.MaxRows)
            .Select(r => InvitationAddress.TryNormalize(r.Field(emailColumn), out var email) ? email : null)
            .OfType<string>().Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == organization.Id)
            .Select(u => new ImportUnit(u.Id, u.Name, u.Path)).ToListAsync(cancellationToken);
        var paths = units.ToDictionary(u => u.Id, u => u.Path);
        var members = await db.Members.AsNoTracking().Where(m => m.OrganizationId == organization.Id)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { Member = m, Email = u.Email.ToLower() })
            .Where(x => emails.Contains(x.Email))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var invited = await db.Invitations.AsNoTracking()
            .Where(i => i.OrganizationId == organization.Id && i.State == InvitationState.Pending && i.ExpiresAt > now && emails.Contains(i.Email))
            .Select(i => i.Email).ToListAsync(cancellationToken);

        var byEmail = members.GroupBy(x => x.Email).ToDictionary(g => g.Key, g =>
        {
            var member = g.First().Member;
            var unitIds = member.UnitIds();
            return new ImportMember(member.UserId, g.Key, member.Rank, unitIds, unitIds.Where(paths.ContainsKey).Select(id => paths[id]).ToList(), member.CustomFields);
        });
        return new ImportPlanner(organization, actor, defaultRank, units, byEmail, invited.ToHashSet(StringComparer.Ordinal));
    }

    private async Task CopyAsync(Guid importId, List<ImportRowPlan> plans, CancellationToken cancellationToken)
    {
        if (plans.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "ImportRows" ("ImportId", "RowNumber", "Line", "Email", "FirstName", "LastName", "Rank", "UnitIds", "CustomFields", "Verdict", "Detail", "UserId", "Language") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var plan in plans)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(importId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(plan.RowNumber, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(plan.Line, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(plan.Email, NpgsqlDbType.Varchar, cancellationToken);
            await WriteOptionalAsync(writer, plan.FirstName, cancellationToken);
            await WriteOptionalAsync(writer, plan.LastName, cancellationToken);
            await WriteOptionalAsync(writer, plan.Rank?.ToString(), cancellationToken);
            if (plan.UnitIds is null) await writer.WriteNullAsync(cancellationToken);
            else await writer.WriteAsync(plan.UnitIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(JsonSerializer.Serialize(plan.CustomFields, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(plan.Verdict, NpgsqlDbType.Varchar, cancellationToken);
            await WriteOptionalAsync(writer, plan.Detail, cancellationToken);
            if (plan.UserId is { } userId) await writer.WriteAsync(userId, NpgsqlDbType.Uuid, cancellationToken);
            else await writer.WriteNullAsync(cancellationToken);
            await WriteOptionalAsync(writer, plan.Language, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteOptionalAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await writer.WriteNullAsync(cancellationToken);
        else await writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
    }
}

/// <summary>The import was committed while it was being remapped; the remap did nothing.</summary>
public sealed class ImportChangedException() : Exception("The import was committed meanwhile.");
