using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Groups;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Apis;

/// <summary>
/// Posting to a message group: membership resolves the recipients now and publishes
/// <see cref="GroupMessagePosted"/> through the outbox; notifications delivers it.
/// </summary>
public static class GroupMessagesApi
{
    public static IEndpointRouteBuilder MapGroupMessagesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/organizations/{organizationId:guid}/groups/{groupId:guid}/messages", Post).WithTags("Message groups").WithName("PostGroupMessage")
            .WithSummary("Post to a group (groups.post and being in the group, or members.manage over the organization)")
            .WithDescription("Recipients are the group's active members whose accounts are not suspended, archived or deleted, the author included "
                + "when they are in the group. A repeated Idempotency-Key answers with the first post and sends nothing again.");
        return routes;
    }

    public static async Task<Results<Accepted<GroupPostResponse>, ValidationProblem, ProblemHttpResult>> Post(
        Guid organizationId, Guid groupId, GroupMessageRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context, OrganizationAccess access, MembershipDbContext db, GroupAudience audience, IEventOutbox outbox, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        var group = await GroupMembersApi.FindAsync(db, organizationId, groupId, cancellationToken);
        if (group is null) return Problems.NotFound("Group");
        if (caller.IsArchived) return Problems.Archived();
        var errors = GroupPost.Validate(request.Subject, request.Body);
        if (idempotencyKey is { Length: 0 or > GroupPost.MaxIdempotencyKeyLength }) errors["Idempotency-Key"] = [$"At most {GroupPost.MaxIdempotencyKeyLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var authorId = caller.Actor.UserId;
        var inGroup = caller.Membership is not null && await audience.IncludesAsync(group, authorId, cancellationToken);
        var managesAll = caller.Holds(Permissions.MembersManage) && caller.Actor.ScopePath is null;
        if (!MessageGroup.MayPost(caller.Holds(Permissions.GroupsPost), inGroup, managesAll))
            return Problems.Forbidden(inGroup ? "posting needs groups.post" : "only members of the group post to it, or those who manage all members");
        if (idempotencyKey is not null && await RepeatedAsync(db, authorId, idempotencyKey, groupId, cancellationToken) is { } repeated) return repeated;

        var recipients = await audience.RecipientsAsync(group, cancellationToken);
        var author = await db.Users.AsNoTracking().Where(u => u.Id == authorId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var subject = request.Subject!.Trim();
        var post = GroupPost.Record(group, authorId, subject, recipients.Count, idempotencyKey, now);
        db.GroupPosts.Add(post);
        outbox.Add(new GroupMessagePosted(post.Id, organizationId, group.Id, group.Name, authorId, string.IsNullOrEmpty(author) ? "An administrator" : author,
            subject, request.Body!, recipients, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (idempotencyKey is not null && exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same post raced itself: the first one won and is the answer.
            db.ChangeTracker.Clear();
            var first = await RepeatedAsync(db, authorId, idempotencyKey, groupId, cancellationToken);
            if (first is null) throw;
            return first;
        }

        return TypedResults.Accepted((string?)null, GroupPostResponse.From(post));
    }

    private static async Task<Results<Accepted<GroupPostResponse>, ValidationProblem, ProblemHttpResult>?> RepeatedAsync(
        MembershipDbContext db, Guid authorId, string idempotencyKey, Guid groupId, CancellationToken cancellationToken)
    {
        var earlier = await db.GroupPosts.AsNoTracking().SingleOrDefaultAsync(p => p.AuthorId == authorId && p.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null) return null;
        if (earlier.GroupId != groupId) return Problems.Conflict("This Idempotency-Key was used for a post to another group.");
        return TypedResults.Accepted((string?)null, GroupPostResponse.From(earlier));
    }
}

public sealed record GroupMessageRequest(string? Subject, string? Body);

public sealed record GroupPostResponse(Guid PostId, Guid GroupId, string Subject, int RecipientCount, DateTimeOffset PostedAt)
{
    public static GroupPostResponse From(GroupPost post) => new(post.Id, post.GroupId, post.Subject, post.RecipientCount, post.PostedAt);
}
