using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Approvals;
using Platform.Notifications.Model;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>Approvals' events, published here as the approvals service would, reach approvers and requesters.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class ApprovalEmailTests(NotificationsServiceFixture service)
{
    private static readonly DateTimeOffset Expiry = new(2030, 1, 15, 14, 30, 0, TimeSpan.Zero);
    private static readonly ApprovalSubject Van = new("purchase", "New delivery van", "Replaces the van from 2012.", "PO-7", null, 42000m, "EUR");

    [Fact]
    public async Task A_new_request_asks_each_approver_with_title_summary_amount_requester_step_and_expiry()
    {
        var ada = Approver("Ada");
        var alan = Approver("Alan");
        var requested = new ApprovalRequested(Guid.NewGuid(), Guid.NewGuid(), Van, Guid.NewGuid(), "Grace Hopper", 1, 2,
            [ada, alan, ada with { Email = ada.Email.ToUpperInvariant() }], Expiry, DateTimeOffset.UtcNow);

        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        foreach (var approver in new[] { ada, alan })
        {
            var email = await service.Mail.WaitForEmailToAsync(approver.Email);
            Assert.Equal("Approval needed: New delivery van", email.Subject);
            Assert.Contains($"Hello {approver.FirstName},", email.Text);
            Assert.Contains("Grace Hopper asks for your approval (step 1 of 2):", email.Text);
            Assert.Contains("Replaces the van from 2012.", email.Text);
            Assert.Contains("Amount: 42000.00 EUR", email.Text);
            Assert.Contains("Please decide before 2030-01-15 14:30 UTC.", email.Text);
            Assert.Contains($"{NotificationsServiceFixture.PublicBaseUrl}/approvals/requests/{requested.RequestId}", email.Text);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await service.Mail.ToAsync(ada.Email));
    }

    [Fact]
    public async Task An_escalated_step_tells_the_new_approver_why_and_which_step()
    {
        var approver = Approver("Ada");
        var advanced = new ApprovalStepAdvanced(Guid.NewGuid(), Guid.NewGuid(), Van with { Amount = null, Summary = null }, "escalated", 2, 3,
            [approver], Expiry, DateTimeOffset.UtcNow);

        await service.Bus.PublishAsync(advanced, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(approver.Email);
        Assert.Contains("escalated to you", email.Text);
        Assert.Contains("Your approval is needed (step 2 of 3):", email.Text);
        Assert.DoesNotContain("Amount:", email.Text);
    }

    [Fact]
    public async Task The_next_steps_approver_is_told_who_asked_until_the_requesters_account_is_deleted()
    {
        var requesterId = Guid.NewGuid();
        var requested = new ApprovalRequested(Guid.NewGuid(), Guid.NewGuid(), Van, requesterId, "Grace Hopper", 1, 3,
            [Approver("Ada")], Expiry, DateTimeOffset.UtcNow);
        await service.Bus.PublishAsync(requested, NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(requested.Approvers[0].Email);

        var second = Approver("Alan");
        await service.Bus.PublishAsync(new ApprovalStepAdvanced(requested.OrganizationId, requested.RequestId, Van, "step", 2, 3,
            [second], Expiry, DateTimeOffset.UtcNow), NewId.NextGuid());
        Assert.Contains("Grace Hopper asks for your approval (step 2 of 3):", (await service.Mail.WaitForEmailToAsync(second.Email)).Text);

        await service.Bus.PublishAsync(new Platform.Contracts.Identity.UserDeleted(requesterId, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.ApprovalRequesters.AnyAsync(r => r.RequestId == requested.RequestId && r.RequesterName == "")),
            "the requester's name to be forgotten");
        var third = Approver("Barbara");
        await service.Bus.PublishAsync(new ApprovalStepAdvanced(requested.OrganizationId, requested.RequestId, Van, "step", 3, 3,
            [third], Expiry, DateTimeOffset.UtcNow), NewId.NextGuid());
        var email = await service.Mail.WaitForEmailToAsync(third.Email);
        Assert.Contains("Your approval is needed (step 3 of 3):", email.Text);
        Assert.DoesNotContain("Grace Hopper", email.Text + email.Html);
    }

    [Fact]
    public async Task An_external_approver_gets_a_one_time_link_whose_token_the_stored_copy_does_not_keep()
    {
        var token = $"ext_{Guid.NewGuid():N}";
        var issued = new ExternalApprovalLinkIssued(Guid.NewGuid(), Guid.NewGuid(), Van, "Order group North", "Grace Hopper",
            NewAddress("external"), token, Expiry, DateTimeOffset.UtcNow);

        await service.Bus.PublishAsync(issued, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(issued.Email);
        var link = $"{NotificationsServiceFixture.PublicBaseUrl}/api/approvals/external/{token}";
        Assert.Equal("Order group North asks for your approval: New delivery van", email.Subject);
        Assert.Contains(link, email.Text);
        Assert.Contains($"href=\"{link}\"", WebUtility.HtmlDecode(email.Html));
        Assert.Contains("works once, until 2030-01-15 14:30 UTC", email.Text);

        var stored = await Eventually.GetAsync(() => service.WithDbAsync(db => db.Deliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Recipient == issued.Email && d.State == DeliveryState.Sent)), "the email to be sent");
        Assert.DoesNotContain(token, stored.TextBody + stored.HtmlBody);
        Assert.Contains("/api/approvals/external/***", stored.TextBody);
        Assert.True(stored.SecretsMasked);
    }

    [Fact]
    public async Task A_decision_tells_the_requester_who_decided_with_the_comment_escaped()
    {
        var decided = Decided("rejected", automatic: false, "ada@example.com", "Too expensive <script>alert(1)</script>\nTry again next year.");

        await service.Bus.PublishAsync(decided, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(decided.RequesterEmail);
        Assert.Equal("Rejected: New delivery van", email.Subject);
        Assert.Contains("your request was rejected by ada@example.com on", email.Text);
        Assert.Contains("Too expensive <script>alert(1)</script>", email.Text);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("Too expensive &lt;script&gt;alert(1)&lt;/script&gt;<br>", email.Html);
    }

    [Fact]
    public async Task An_automatic_approval_says_so()
    {
        var decided = Decided("approved", automatic: true, deciderEmail: null, comment: null);

        await service.Bus.PublishAsync(decided, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(decided.RequesterEmail);
        Assert.Equal("Approved: New delivery van", email.Subject);
        Assert.Contains("your request was approved automatically on", email.Text);
        Assert.DoesNotContain("Comment:", email.Text);
    }

    [Fact]
    public async Task An_expired_request_is_reported_to_the_requester()
    {
        var expired = new ApprovalExpired(Guid.NewGuid(), Guid.NewGuid(), Van, Guid.NewGuid(), NewAddress("requester"), "Grace", Expiry);

        await service.Bus.PublishAsync(expired, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(expired.RequesterEmail);
        Assert.Equal("Expired without a decision: New delivery van", email.Subject);
        Assert.Contains("your request expired on 2030-01-15 14:30 UTC without a decision", email.Text);
    }

    [Fact]
    public async Task Every_value_from_the_request_arrives_escaped_in_the_html_part()
    {
        const string markup = "<script>alert(1)</script>";
        var approver = Approver(markup);
        var requested = new ApprovalRequested(Guid.NewGuid(), Guid.NewGuid(),
            new ApprovalSubject("purchase", markup, markup, null, null, 1m, "<i>EUR</i>"), Guid.NewGuid(), markup, 1, 1,
            [approver], Expiry, DateTimeOffset.UtcNow);

        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(approver.Email);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.DoesNotContain("<i>", email.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html);
        Assert.Equal($"Approval needed: {markup}", email.Subject);
    }

    [Fact]
    public async Task The_same_decision_delivered_twice_sends_one_email()
    {
        var decided = Decided("approved", automatic: false, "ada@example.com", null);
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(decided, messageId);
        await service.Bus.PublishAsync(decided, messageId);

        await service.Mail.WaitForEmailToAsync(decided.RequesterEmail);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await service.Mail.ToAsync(decided.RequesterEmail));
    }

    private static ApprovalRecipient Approver(string firstName) => new(Guid.NewGuid(), NewAddress("approver"), firstName);

    private static ApprovalDecided Decided(string outcome, bool automatic, string? deciderEmail, string? comment) => new(
        Guid.NewGuid(), Guid.NewGuid(), Van, outcome, automatic, automatic ? null : Guid.NewGuid(), deciderEmail, comment,
        Guid.NewGuid(), NewAddress("requester"), "Grace", DateTimeOffset.UtcNow);
}
