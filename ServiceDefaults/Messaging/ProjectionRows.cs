using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Projections take events in any order: an event about a row this service has not seen yet creates
/// it with what the event knows, instead of being dropped (and recorded as handled by the inbox).
/// </summary>
public static class ProjectionRows
{
    /// <summary>
    /// Row-locks the entity with this single-column key, or adds a new one made by <paramref name="create"/>,
    /// so two events about it apply one after the other. Two events racing to create the same row: one
    /// insert fails on the primary key, and the consumer's retry then finds and locks the winner's row.
    /// </summary>
    public static async Task<TEntity> LockOrAddAsync<TEntity>(this DbContext db, Guid id, Func<TEntity> create, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var key = entity.FindPrimaryKey()?.Properties is [var column] ? column.GetColumnName() : null;
        if (key is null) throw new InvalidOperationException($"{typeof(TEntity).Name} needs a single-column key to be locked by id.");

        // Table and column names come from the model, never from input; the id is a parameter.
        var sql = $$"""SELECT * FROM "{{entity.GetTableName()}}" WHERE "{{key}}" = {0} FOR UPDATE""";
        var rows = await db.Set<TEntity>().FromSqlRaw(sql, id).ToListAsync(cancellationToken);
        if (rows is [var row]) return row;

        row = create();
        db.Set<TEntity>().Add(row);
        return row;
    }
}
