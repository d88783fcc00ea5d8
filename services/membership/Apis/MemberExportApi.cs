using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Csv;

namespace Platform.Membership.Apis;

/// <summary>
/// Every member of an organization as a CSV or JSON download: rank, custom roles, units, state, last
/// login and custom fields. Streamed in chunks (ordered by membership id), so a large organization is
/// never held in memory; CSV cells are safe to open in a spreadsheet (<see cref="CsvCell"/>).
/// </summary>
public static class MemberExportApi
{
    private const int ChunkSize = 1000;

    public static IEndpointRouteBuilder MapMemberExportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/organizations/{organizationId:guid}/members/export", Export).WithTags("Members").WithName("ExportMembers")
            .WithSummary("All members as ?format=csv (default) or json, with rank, custom roles, units, state and last login (org.settings, as the access review)")
            .WithDescription("CSV columns: userId, email, firstName, lastName, rank, scopeUnit, customRoles, units, state, accountState, lastLoginAt, joinedAt, "
                + "then one column per custom field. Several roles or units in a cell are separated by '; '.");
        return routes;
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        Guid organizationId, string? format, HttpContext context, OrganizationAccess access, MembershipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        // The same data as the access review (roles everywhere, last logins), so the same permission.
        if (!caller.Holds(Permissions.OrgSettings)) return Problems.Forbidden("exporting members needs org.settings, as the access review does");
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "json")) return Problems.Validation("format", "csv or json.");

        var organization = caller.Organization;
        var unitNames = await db.Units.AsNoTracking().Where(u => u.OrganizationId == organizationId).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var visibility = await access.VisibilityAsync(caller, cancellationToken);
        var chunks = ChunksAsync(db, organizationId, visibility, unitNames, context.RequestAborted);
        var fileName = $"members-{organization.Slug}-{time.GetUtcNow():yyyyMMdd}.{kind}";
        return kind == "csv"
            ? TypedResults.Stream(stream => WriteCsvAsync(stream, organization.CustomFields, chunks, context.RequestAborted), "text/csv; charset=utf-8", fileName)
            : TypedResults.Stream(stream => WriteJsonAsync(stream, chunks, context.RequestAborted), "application/json; charset=utf-8", fileName);
    }

    private static async IAsyncEnumerable<List<ExportedMember>> ChunksAsync(
        MembershipDbContext db, Guid organizationId, MemberVisibility visibility, Dictionary<Guid, string> unitNames, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var query = visibility.Filter(db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId));
            if (after is { } last) query = query.Where(m => m.Id.CompareTo(last) > 0);
            var members = await query.OrderBy(m => m.Id).Take(ChunkSize).ToListAsync(cancellationToken);
            if (members.Count == 0) yield break;
            var userIds = members.Select(m => m.UserId).ToList();
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
            var grants = await RoleGrantsApi.GrantsOfAsync(db, organizationId, userIds, cancellationToken);
            // A membership whose account membership has not heard of yet is still exported, without a name.
            yield return members.Select(m => ExportedMember.From(m, users.GetValueOrDefault(m.UserId), unitNames, grants[m.UserId])).ToList();
            if (members.Count < ChunkSize) yield break;
            after = members[^1].Id;
        }
    }

    private static async Task WriteCsvAsync(Stream stream, IReadOnlyList<CustomFieldDefinition> fields, IAsyncEnumerable<List<ExportedMember>> chunks, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        string[] columns = ["userId", "email", "firstName", "lastName", "rank", "scopeUnit", "customRoles", "units", "state", "accountState", "lastLoginAt", "joinedAt"];
        await writer.WriteAsync(SpreadsheetCsv.Row(columns.Concat(fields.Select(f => f.Key))) + "\r\n");
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            foreach (var m in chunk)
            {
                await writer.WriteAsync(SpreadsheetCsv.Row(new[]
                {
                    m.UserId.ToString(), m.Email, m.FirstName, m.LastName, m.Rank, m.ScopeUnit, string.Join("; ", m.CustomRoles), string.Join("; ", m.Units),
                    m.State, m.AccountState, m.LastLoginAt?.ToString("O"), m.JoinedAt.ToString("O"),
                }.Concat(fields.Select(f => m.CustomFields.GetValueOrDefault(f.Key)))) + "\r\n");
            }

            await writer.FlushAsync(cancellationToken);
        }
    }

    private static async Task WriteJsonAsync(Stream stream, IAsyncEnumerable<List<ExportedMember>> chunks, CancellationToken cancellationToken)
    {
        // Each chunk is serialized to memory and written asynchronously: the response stream refuses synchronous writes.
        using var buffer = new MemoryStream();
        var first = true;
        buffer.WriteByte((byte)'[');
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            foreach (var member in chunk)
            {
                if (!first) buffer.WriteByte((byte)',');
                first = false;
                JsonSerializer.Serialize(buffer, member, JsonSerializerOptions.Web);
            }

            await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            buffer.SetLength(0);
        }

        buffer.WriteByte((byte)']');
        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }
}

/// <summary>One member as exported. CustomRoles name each role with where it applies ("Dispatcher (unit North)").</summary>
public sealed record ExportedMember(
    Guid UserId, string Email, string FirstName, string LastName, string Rank, string? ScopeUnit, IReadOnlyList<string> CustomRoles,
    IReadOnlyList<string> Units, IReadOnlyList<Guid> UnitIds, string State, string AccountState, DateTimeOffset? LastLoginAt, DateTimeOffset JoinedAt,
    IReadOnlyDictionary<string, string> CustomFields)
{
    public static ExportedMember From(Member m, DirectoryUser? u, IReadOnlyDictionary<Guid, string> unitNames, IEnumerable<GrantResponse> grants)
    {
        var unitIds = m.UnitIds();
        return new ExportedMember(
            m.UserId, u?.Email ?? "", u?.FirstName ?? "", u?.LastName ?? "", Ranks.Name(m.Rank), m.ScopeUnitId is { } scope ? unitNames.GetValueOrDefault(scope) : null,
            grants.Select(g => g.Scope == "organization" ? g.RoleName : $"{g.RoleName} ({g.Scope}{(g.UnitName is null ? "" : " " + g.UnitName)})").ToList(),
            unitIds.Select(id => unitNames.GetValueOrDefault(id) ?? id.ToString()).Order(StringComparer.OrdinalIgnoreCase).ToList(), unitIds,
            m.State.ToString().ToLowerInvariant(), u?.AccountState ?? "unknown", u?.LastLoginAt, m.JoinedAt, m.CustomFields);
    }
}
