using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Platform.Notifications.Infrastructure;

/// <summary>
/// Inserts many rows of an entity with PostgreSQL's binary COPY, on the context's connection and
/// inside its current transaction. The columns, their order, types and value conversions come from
/// the EF model, so a new property is copied like any other. Used where thousands of rows are written
/// at once (a broadcast), where one INSERT per row would take seconds.
/// </summary>
public static class BulkCopy
{
    public static async Task CopyAsync<TEntity>(DbContext db, IEnumerable<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(property => (Property: property, Name: property.GetColumnName(table)!, Type: DataTypeName(property.GetColumnType())))
            .ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = $"COPY {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var import = await connection.BeginBinaryImportAsync(command, cancellationToken);
        foreach (var row in rows)
        {
            await import.StartRowAsync(cancellationToken);
            foreach (var (property, _, type) in columns)
            {
                var getter = property.PropertyInfo
                    ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property.Name} has no property to read: it cannot be bulk-copied.");
                var value = getter.GetValue(row);
                if (value is not null && property.GetTypeMapping().Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await import.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await import.WriteAsync(value, type, cancellationToken);
                }
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    /// <summary><c>character varying(100)</c> → <c>character varying</c>: COPY's writers want the type without its length.</summary>
    private static string DataTypeName(string columnType) =>
        columnType.IndexOf('(') is var open and > 0 ? columnType[..open].TrimEnd() : columnType;

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
