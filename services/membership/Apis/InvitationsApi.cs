using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Apis;

/// <summary>
/// Inviting people by email into one organization, 1 to 500 addresses at a time, with a result per
/// address. Who may invite follows <see cref="Delegation"/> and the organization's settings; each
/// invitation publishes <see cref="InvitationCreated"/> through the outbox in the same transaction.
/// </summary>
public static class InvitationsApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder routes)
    {
        var invitations = routes.MapGroup("/organizations/{organizationId:guid}/invitations").WithTags("Invitations");
        invitations.MapPost("/", Invite).WithName("InviteMembers")
            .WithSummary("Invite 1 to 500 people (emails, or invitees with names and a language) with a rank, scope and units; a result per address")
            .WithDescription("emails are bare addresses; invitees give each person's firstName, lastName and language (en, de) too, which their pending "
                + "account starts with and the email greets them by; language applies to every address without its own. Results are in the order "
                + "emails, then invitees: "
                + "invited, already-member, already-invited (a pending invitation exists: it is left as it is; resend it to send a new link), "
                + "invalid, domain-not-allowed, duplicate (the address appeared earlier in the list). A repeated Idempotency-Key with the same request "
                + "answers with the first response and invites nobody again; with another request it is a 409 problem.");
        invitations.MapGet("/", List).WithName("ListInvitations").WithSummary("Invitations, filtered by state, paged (members.invite or members.read)");
        invitations.MapPost("/{invitationId:guid}/resend", Resend).WithName("ResendInvitation").WithSummary("A new link and a new expiry; the old link stops working")
            .WithDescription("The answer's sending says what became of the email: status `queued`: the email with the new link was handed to notifications in the "
                + "same transaction as the link (through the outbox), and notifications writes and sends it; invitation emails are transactional, so "
                + "unsubscribing does not stop them, and no per-recipient limit applies to them unless an operator configured one "
                + "(Email:RecipientLimits:invitation). `queued` is not `delivered`: membership answers before the SMTP server does, and a platform "
                + "administrator sees the outcome in notifications' delivery log. An invitation that is accepted, revoked or expired and superseded "
                + "is a 409 whose detail begins 'No email was sent' and changes nothing.");
        invitations.MapDelete("/{invitationId:guid}", Revoke).WithName("RevokeInvitation").WithSummary("Revoke a pending invitation");
        return routes;
    }

    public static async Task<Results<Ok<InvitationBatchResponse>, ValidationProblem, ProblemHttpResult>> Invite(
        Guid organizationId, InviteRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context, OrganizationAccess access, MembershipDbContext db, IEventOutbox outbox, TimeProvider time,
        IOptions<InvitationOptions> options, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (caller.IsArchived) return Problems.Archived();
        var errors = new Dictionary<string, string[]>();
        var (addresses, people) = Invitees(request, errors);
        if (addresses.Count is 0 or > InvitationOptions.MaxEmailsPerRequest)
            errors["emails"] = [$"From 1 to {InvitationOptions.MaxEmailsPerRequest} addresses per request (emails and invitees together)."];
        if (!Ranks.TryParse(request.Rank ?? "member", out var rank) || rank == Rank.Owner)
            errors["rank"] = ["One of admin, manager, member, viewer (ownership is transferred, not granted)."];
        if (idempotencyKey is { Length: 0 or > InvitationBatch.MaxIdempotencyKeyLength })
            errors["Idempotency-Key"] = [$"1 to {InvitationBatch.MaxIdempotencyKeyLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (MayInvite(caller, rank) is { } refusal) return refusal;

        var requestHash = HashOf(organizationId, request);
        if (idempotencyKey is not null && await RepeatedAsync(db, caller.Actor.UserId, idempotencyKey, organizationId, requestHash, cancellationToken) is { } repeated)
            return repeated;
        if (await MembersApi.UnitsInOrganizationAsync(db, organizationId, request.UnitIds, request.ScopeUnitId, cancellationToken) is null)
            return Problems.Validation("unitIds", "Every unit must belong to this organization.");

        var now = time.GetUtcNow();
        var plan = InvitationPlan.For(addresses, caller.Organization);
        var candidates = plan.Candidates;
        var known = await db.Users.AsNoTracking().Where(u => candidates.Contains(u.Email.ToLower()))
            .Select(u => new { Email = u.Email.ToLower(), IsMember = db.Members.Any(m => m.OrganizationId == organizationId && m.UserId == u.Id), Verified = u.EmailVerified })
            .ToListAsync(cancellationToken);
        var accounts = known.GroupBy(k => k.Email).ToDictionary(g => g.Key, g => g.Any(k => k.IsMember));
        // Only a verified account can log in to accept; anyone else (a pending account made for an earlier
        // invitation included) gets the link that sets a password first.
        var verified = known.Where(k => k.Verified).Select(k => k.Email).ToHashSet();
        var waiting = (await db.Invitations.Where(i => i.OrganizationId == organizationId && i.State == InvitationState.Pending && candidates.Contains(i.Email))
            .ToListAsync(cancellationToken)).ToDictionary(i => i.Email);
        var inviterName = await InviterNameAsync(db, caller.Actor.UserId, cancellationToken);

        var results = plan.Results.Select(r => new InvitationResult(r.Email, r.Result)).ToArray();
        foreach (var (index, email) in plan.Positions)
        {
            if (accounts.GetValueOrDefault(email))
            {
                results[index] = results[index] with { Result = InvitationResults.AlreadyMember };
                continue;
            }

            var earlier = waiting.GetValueOrDefault(email);
            if (earlier is not null && earlier.IsOpenAt(now))
            {
                results[index] = results[index] with { Result = InvitationResults.AlreadyInvited, InvitationId = earlier.Id };
                continue;
            }

            earlier?.Supersede(now);
            var (invitation, token) = Invitation.Issue(organizationId, email, rank, request.ScopeUnitId, request.UnitIds ?? [], caller.Actor.UserId, now, options.Value.Lifetime,
                invitee: people[index]);
            db.Invitations.Add(invitation);
            outbox.Add(Created(invitation, token, caller.Organization, inviterName, verified.Contains(email), now));
            results[index] = results[index] with { Result = InvitationResults.Invited, InvitationId = invitation.Id };
        }

        var response = new InvitationBatchResponse(results.Count(r => r.Result == InvitationResults.Invited), results);
        if (idempotencyKey is not null)
        {
            db.InvitationBatches.Add(InvitationBatch.Record(organizationId, caller.Actor.UserId, idempotencyKey, requestHash,
                JsonSerializer.Serialize(response, JsonSerializerOptions.Web), now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same request raced itself (the first is the answer), or another request invited one of these addresses meanwhile.
            db.ChangeTracker.Clear();
            if (idempotencyKey is not null && await RepeatedAsync(db, caller.Actor.UserId, idempotencyKey, organizationId, requestHash, cancellationToken) is { } first)
                return first;
            return Problems.Conflict("Some of these addresses were invited by another request at the same moment; send the request again.");
        }

        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<InvitationPage>, ValidationProblem, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, TimeProvider time,
        string? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersInvite) && !caller.Holds(Permissions.MembersRead))
            return Problems.Forbidden("listing invitations needs members.invite or members.read");
        var size = pageSize ?? 50;
        var number = page ?? 1;
        var errors = new Dictionary<string, string[]>();
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        if (number < 1) errors["page"] = ["At least 1."];
        var stateFilter = InvitationState.Pending;
        if (state is not null && (!Enum.TryParse(state, ignoreCase: true, out stateFilter) || !Enum.IsDefined(stateFilter) || int.TryParse(state, out _)))
            errors["state"] = ["One of pending, accepted, expired, revoked."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var now = time.GetUtcNow();
        var query = db.Invitations.AsNoTracking().Where(i => i.OrganizationId == organizationId);
        query = state is null ? query : stateFilter switch
        {
            InvitationState.Pending => query.Where(i => i.State == InvitationState.Pending && i.ExpiresAt > now),
            InvitationState.Expired => query.Where(i => i.State == InvitationState.Expired || (i.State == InvitationState.Pending && i.ExpiresAt <= now)),
            var other => query.Where(i => i.State == other),
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new InvitationPage(rows.Select(i => InvitationResponse.From(i, now)).ToList(), number, size, total));
    }

    public static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> Resend(
        Guid organizationId, Guid invitationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, IEventOutbox outbox,
        TimeProvider time, IOptions<InvitationOptions> options, CancellationToken cancellationToken)
    {
        var (caller, invitation, problem) = await FindAsync(organizationId, invitationId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var now = time.GetUtcNow();
        var (refusal, token) = invitation!.Resend(now, options.Value.Lifetime);
        if (refusal is not null) return Problems.Conflict(refusal);

        var accountKnown = await db.Users.AnyAsync(u => u.Email.ToLower() == invitation.Email && u.EmailVerified, cancellationToken);
        outbox.Add(Created(invitation, token!, caller!.Organization, await InviterNameAsync(db, caller.Actor.UserId, cancellationToken), accountKnown, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(InvitationResponse.From(invitation, now) with { Sending = ResendEmail.Queued });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid organizationId, Guid invitationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (_, invitation, problem) = await FindAsync(organizationId, invitationId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        if (invitation!.Revoke(time.GetUtcNow()) is { } refusal) return Problems.Conflict(refusal);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The addresses in the response's order (emails, then invitees) with who each person is; the
    /// request's language is the default of everyone without their own. Problems go into <paramref name="errors"/>.
    /// </summary>
    private static (List<string?> Addresses, List<InvitedPerson> People) Invitees(InviteRequest request, Dictionary<string, string[]> errors)
    {
        var (defaults, problems) = InvitedPerson.Create(null, null, request.Language);
        foreach (var (field, problem) in problems) errors[field] = [problem];
        var fallback = defaults ?? new InvitedPerson(null, null, null);
        var addresses = new List<string?>(request.Emails ?? []);
        var people = addresses.Select(_ => fallback).ToList();
        foreach (var (invitee, index) in (request.Invitees ?? []).Select((invitee, index) => (invitee, index)))
        {
            var (person, invalid) = InvitedPerson.Create(invitee?.FirstName, invitee?.LastName, invitee?.Language ?? request.Language);
            foreach (var (field, problem) in invalid) errors[$"invitees[{index}].{field}"] = [problem];
            addresses.Add(invitee?.Email);
            people.Add(person ?? fallback);
        }

        return (addresses, people);
    }

    /// <summary>The organization's own rule (who may invite at all), then the delegation rules for the rank given.</summary>
    private static ProblemHttpResult? MayInvite(Caller caller, Rank rank)
    {
        if (!caller.Actor.PlatformAdmin && caller.Actor.Rank < caller.Organization.MinimumRankToInvite)
            return Problems.Forbidden($"in this organization only {Articles.A(Ranks.Name(caller.Organization.MinimumRankToInvite))} or above invites people");
        var decision = Delegation.Check(caller.Actor, AdminAction.Invite, grantedRank: rank);
        return decision.Allowed ? null : Problems.Forbidden(decision.Reason);
    }

    private static async Task<(Caller? Caller, Invitation? Invitation, ProblemHttpResult? Problem)> FindAsync(
        Guid organizationId, Guid invitationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, null, Problems.NotFound("Organization"));
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.OrganizationId == organizationId && i.Id == invitationId, cancellationToken);
        if (invitation is null) return (caller, null, Problems.NotFound("Invitation"));
        if (caller.IsArchived) return (caller, null, Problems.Archived());
        return (caller, invitation, MayInvite(caller, invitation.Rank));
    }

    private static async Task<Results<Ok<InvitationBatchResponse>, ValidationProblem, ProblemHttpResult>?> RepeatedAsync(
        MembershipDbContext db, Guid userId, string idempotencyKey, Guid organizationId, byte[] requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.InvitationBatches.AsNoTracking().SingleOrDefaultAsync(b => b.InvitedBy == userId && b.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null) return null;
        if (!earlier.Repeats(organizationId, requestHash)) return Problems.Conflict("This Idempotency-Key was used for a different invitation request.");
        return TypedResults.Ok(JsonSerializer.Deserialize<InvitationBatchResponse>(earlier.ResponseJson, JsonSerializerOptions.Web)!);
    }

    private static byte[] HashOf(Guid organizationId, InviteRequest request) =>
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new { organizationId, request.Emails, request.Rank, request.ScopeUnitId, request.UnitIds, request.Invitees, request.Language }, JsonSerializerOptions.Web));

    internal static async Task<string> InviterNameAsync(MembershipDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleOrDefaultAsync(cancellationToken);
        return string.IsNullOrEmpty(name) ? "An administrator" : name;
    }

    internal static InvitationCreated Created(Invitation invitation, string token, Organization organization, string inviterName, bool accountKnown, DateTimeOffset now) =>
        new(organization.Id, invitation.Id, invitation.Email, Ranks.Name(invitation.Rank), organization.Name, inviterName, token, invitation.ExpiresAt, accountKnown, now,
            FirstName: invitation.FirstName, LastName: invitation.LastName, Language: invitation.Language);
}

/// <param name="Emails">Bare addresses.</param>
/// <param name="Invitees">People with their names and language; together with <paramref name="Emails"/> at most 500.</param>
/// <param name="Language">en or de: the language of every address without its own; left out, English.</param>
public sealed record InviteRequest(List<string?>? Emails, string? Rank, Guid? ScopeUnitId, List<Guid>? UnitIds, List<InviteeRequest?>? Invitees = null, string? Language = null);

/// <summary>One person to invite: the address, and optionally the names and language (en, de) they start with.</summary>
public sealed record InviteeRequest(string? Email, string? FirstName = null, string? LastName = null, string? Language = null);

public sealed record InvitationBatchResponse(int Invited, IReadOnlyList<InvitationResult> Results);

/// <summary>What happened to one address of the request, in the request's order.</summary>
public sealed record InvitationResult(string Email, string Result, Guid? InvitationId = null);

public sealed record InvitationPage(IReadOnlyList<InvitationResponse> Items, int Page, int PageSize, int Total);

public sealed record InvitationResponse(
    Guid Id, string Email, string Rank, Guid? ScopeUnitId, IReadOnlyList<Guid> UnitIds, string State, Guid InvitedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, Guid? AcceptedByUserId,
    string? FirstName, string? LastName, string? Language,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResendEmail? Sending = null)
{
    public static InvitationResponse From(Invitation i, DateTimeOffset now) => new(
        i.Id, i.Email, Ranks.Name(i.Rank), i.ScopeUnitId, i.UnitIds, Invitation.Name(i.StateAt(now)), i.InvitedBy,
        i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.AcceptedByUserId, i.FirstName, i.LastName, i.Language);
}

/// <summary>
/// What became of the email a resend asked for, as far as membership knows when it answers (only in a resend's answer).
/// Status <c>queued</c>: handed to notifications with the new link, in the same transaction.
/// </summary>
public sealed record ResendEmail(string Status, string Detail)
{
    public static readonly ResendEmail Queued = new("queued",
        "The email with the new link is queued for sending: notifications writes it and hands it to the SMTP server, normally within seconds. "
        + "Invitation emails are not subject to unsubscribing.");
}
