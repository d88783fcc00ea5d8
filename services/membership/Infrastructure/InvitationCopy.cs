using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Membership.Model.Invitations;

namespace Platform.Membership.Infrastructure;

/// <summary>
/// Writes many new invitations with one binary COPY in the caller's transaction: an import's batch
/// of a thousand rows costs one round trip instead of a thousand INSERTs through the change tracker.
/// </summary>
internal static class InvitationCopy
{
    public static async Task WriteAsync(MembershipDbContext db, IReadOnlyList<Invitation> invitations, CancellationToken cancellationToken)
    {
        if (invitations.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "Invitations" ("Id", "OrganizationId", "Email", "Rank", "ScopeUnitId", "UnitIds", "State", "InvitedBy", "CreatedAt", "ExpiresAt",
                                "TokenHash", "FirstName", "LastName", "CustomFields", "ImportId", "Language") FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var invitation in invitations)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(invitation.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(invitation.OrganizationId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(invitation.Email, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(invitation.Rank.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, invitation.ScopeUnitId, cancellationToken);
            await writer.WriteAsync(invitation.UnitIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(invitation.State.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(invitation.InvitedBy, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(invitation.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(invitation.ExpiresAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(invitation.TokenHash, NpgsqlDbType.Bytea, cancellationToken);
            await WriteTextAsync(writer, invitation.FirstName, cancellationToken);
            await WriteTextAsync(writer, invitation.LastName, cancellationToken);
            await writer.WriteAsync(JsonSerializer.Serialize(invitation.CustomFields, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb, cancellationToken);
            await WriteNullableAsync(writer, invitation.ImportId, cancellationToken);
            await WriteTextAsync(writer, invitation.Language, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, Guid? value, CancellationToken cancellationToken)
    {
        if (value is { } id) await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
        else await writer.WriteNullAsync(cancellationToken);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await writer.WriteNullAsync(cancellationToken);
        else await writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
    }
}
