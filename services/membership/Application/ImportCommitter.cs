using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Membership;
using Platform.Membership.Apis;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Imports;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Application;

/// <summary>
/// Writes one batch of a committed import: the rows after the job's cursor that the dry run found new
/// or changed. New people get an invitation (a placeholder sends no email) and InvitationCreated; members
/// get their rank, units and fields changed with the events an API change would publish. Each batch, its
/// events and the moved cursor commit in one transaction with the job row locked, so a batch is done
/// exactly once whoever runs it. What changed since the dry run (someone invited meanwhile, a member
/// left) is counted as skipped, never duplicated.
/// </summary>
public sealed class ImportCommitter(
    MembershipDbContext db, IEventOutbox outbox, OutboxSignal outboxSignal, TimeProvider time, IOptions<ImportOptions> options, IOptions<InvitationOptions> invitationOptions)
{
    /// <summary>Processes the next batch; false when the import is finished (or not committing).</summary>
    public async Task<bool> ProcessBatchAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.ImportJobs.FromSql($"""SELECT * FROM "ImportJobs" WHERE "Id" = {importId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);
        if (job is not { State: ImportState.Committing }) return false;

        var now = time.GetUtcNow();
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == job.OrganizationId, cancellationToken);
        if (organization.State == OrganizationState.Archived)
        {
            job.Fail("The organization was archived before the import finished.", now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var batchSize = options.Value.BatchSize;
        var rows = await db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && r.RowNumber > job.LastRowNumber && (r.Verdict == ImportVerdicts.New || r.Verdict == ImportVerdicts.Update))
            .OrderBy(r => r.RowNumber).Take(batchSize).ToListAsync(cancellationToken);

        var (created, events, createdSkipped) = await CreateAsync(job, organization, rows.Where(r => r.Verdict == ImportVerdicts.New).ToList(), now, cancellationToken);
        var (updated, updatedSkipped) = await UpdateAsync(job, rows.Where(r => r.Verdict == ImportVerdicts.Update).ToList(), now, cancellationToken);
        job.Advance(rows.Count > 0 ? rows[^1].RowNumber : job.LastRowNumber, rows.Count, created.Count, updated, createdSkipped + updatedSkipped, now + options.Value.Lease);
        if (rows.Count < batchSize) job.Complete(now);

        // Superseded invitations are updated (by SaveChanges) before their successors are copied in: one pending invitation per address.
        await db.SaveChangesAsync(cancellationToken);
        await InvitationCopy.WriteAsync(db, created, cancellationToken);
        await OutboxCopy.WriteAsync(db, events, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (events.Count > 0) outboxSignal.Notify();
        return job.State == ImportState.Committing;
    }

    private async Task<(List<Invitation> Created, List<InvitationCreated> Events, int Skipped)> CreateAsync(
        ImportJob job, Organization organization, List<ImportRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invitations = new List<Invitation>();
        var events = new List<InvitationCreated>();
        if (rows.Count == 0) return (invitations, events, 0);
        var emails = rows.Select(r => r.Email).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email.ToLower()))
            .Select(u => new { Email = u.Email.ToLower(), IsMember = db.Members.Any(m => m.OrganizationId == organization.Id && m.UserId == u.Id), Verified = u.EmailVerified })
            .ToListAsync(cancellationToken);
        var known = accounts.GroupBy(a => a.Email).ToDictionary(g => g.Key, g => g.Any(a => a.IsMember));
        var verified = accounts.Where(a => a.Verified).Select(a => a.Email).ToHashSet();
        var pending = (await db.Invitations.Where(i => i.OrganizationId == organization.Id && i.State == InvitationState.Pending && emails.Contains(i.Email))
            .ToListAsync(cancellationToken)).ToDictionary(i => i.Email);
        var inviter = job.Committer();
        var inviterName = await InvitationsApi.InviterNameAsync(db, inviter.UserId, cancellationToken);
        var sendEmail = job.Mode == ImportMode.Invite;

        foreach (var row in rows)
        {
            var earlier = pending.GetValueOrDefault(row.Email);
            if (known.GetValueOrDefault(row.Email) || earlier is not null && earlier.IsOpenAt(now)) continue;
            earlier?.Supersede(now);
            var (invitation, token) = Invitation.Issue(organization.Id, row.Email, row.Rank ?? job.DefaultRank, null, row.UnitIds ?? [], inviter.UserId, now,
                invitationOptions.Value.Lifetime, new ImportedPerson(job.Id, row.FirstName, row.LastName, row.CustomFields, row.Language));
            invitations.Add(invitation);
            events.Add(new InvitationCreated(organization.Id, invitation.Id, invitation.Email, Ranks.Name(invitation.Rank), organization.Name, inviterName, token,
                invitation.ExpiresAt, verified.Contains(row.Email), now, SendEmail: sendEmail, FirstName: row.FirstName, LastName: row.LastName,
                Language: invitation.Language));
        }

        return (invitations, events, rows.Count - invitations.Count);
    }

    private async Task<(int Updated, int Skipped)> UpdateAsync(ImportJob job, List<ImportRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return (0, 0);
        var userIds = rows.Select(r => r.UserId!.Value).ToList();
        var members = await db.Members.Where(m => m.OrganizationId == job.OrganizationId && userIds.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, cancellationToken);
        var paths = await db.Units.AsNoTracking().Where(u => u.OrganizationId == job.OrganizationId).ToDictionaryAsync(u => u.Id, u => u.Path, cancellationToken);
        var actor = job.Committer();

        var updated = 0;
        foreach (var row in rows)
        {
            if (!members.TryGetValue(row.UserId!.Value, out var member)) continue;
            if (row.UnitIds is { } wanted && wanted.Any(id => !paths.ContainsKey(id))) continue;
            // The member may have changed since the dry run: the rules are asked again about who they are now.
            var rank = row.Rank ?? member.Rank;
            var target = new Target(member.UserId, member.Rank, member.UnitIds().Where(paths.ContainsKey).Select(id => paths[id]).ToList());
            if ((rank == Rank.Owner) != (member.Rank == Rank.Owner)) continue;
            if (!Delegation.Check(actor, rank != member.Rank ? AdminAction.GrantRank : AdminAction.ChangeMember, target, rank).Allowed) continue;

            if (rank != member.Rank)
            {
                outbox.Add(new MembershipRoleChanged(job.OrganizationId, member.UserId, Ranks.Name(member.Rank), Ranks.Name(rank), member.ScopeUnitId, actor.UserId, now));
                member.ChangeRank(rank, member.ScopeUnitId);
            }

            if (row.UnitIds is { } unitIds && member.PlaceIn(unitIds)) outbox.Add(MemberEvents.UnitsChanged(member, now));
            if (row.CustomFields.Count > 0)
            {
                var fields = new Dictionary<string, string>(member.CustomFields);
                foreach (var (key, value) in row.CustomFields) fields[key] = value;
                member.SetCustomFields(fields);
            }

            updated++;
        }

        return (updated, rows.Count - updated);
    }
}
