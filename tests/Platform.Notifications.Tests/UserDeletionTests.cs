using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.Tests;

/// <summary>A deleted account leaves no personal data in this service; the statistics keep their numbers.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class UserDeletionTests(NotificationsServiceFixture service)
{
    [Fact]
    public async Task The_delivery_log_directory_and_preferences_forget_a_deleted_user_and_keep_the_statistics()
    {
        var (userId, oldEmail) = await service.RegisterAsync("Grace");
        var user = service.Host.CreateClientAs(new InternalIdentity(userId));
        (await user.PatchMergeAsync("/preferences", new { groupMessages = false })).EnsureSuccessStatusCode();
        await service.Bus.PublishAsync(new PasswordChanged(userId, oldEmail, "Grace", DateTimeOffset.UtcNow, "self"), NewId.NextGuid());
        var newEmail = IdentityEvents.NewAddress("grace");
        await service.Bus.PublishAsync(new EmailChanged(userId, oldEmail, newEmail, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.DirectoryUsers.AnyAsync(u => u.UserId == userId && u.Email == newEmail)),
            "the new address to be known");
        await service.Bus.PublishAsync(new EmailVerified(userId, newEmail, DateTimeOffset.UtcNow), NewId.NextGuid());
        var sent = await Eventually.GetAsync(async () => await service.WithDbAsync(db => db.Deliveries.AsNoTracking()
            .Where(d => (d.Recipient == oldEmail || d.Recipient == newEmail) && d.State == DeliveryState.Sent).ToListAsync()) is { Count: 2 } both ? both : null,
            "both emails to be sent");
        var someoneElse = IdentityEvents.NewAddress("other");
        await service.Bus.PublishAsync(new EmailVerified(Guid.NewGuid(), someoneElse, DateTimeOffset.UtcNow), NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(someoneElse);

        await service.Bus.PublishAsync(new UserDeleted(userId, DateTimeOffset.UtcNow), NewId.NextGuid());

        var directory = await Eventually.GetAsync(() => service.WithDbAsync(db => db.DirectoryUsers.AsNoTracking()
            .SingleOrDefaultAsync(u => u.UserId == userId && u.Deleted)), "the account to be forgotten");
        Assert.Null(directory.Email);
        Assert.Empty(directory.PastEmails);
        Assert.Equal("", directory.FirstName);
        Assert.False(await service.WithDbAsync(db => db.Preferences.AnyAsync(p => p.UserId == userId)));

        var ids = sent.Select(d => d.Id).ToList();
        var anonymized = await service.WithDbAsync(db => db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync());
        Assert.Equal(2, anonymized.Count);
        Assert.All(anonymized, d =>
        {
            Assert.True(d.RecipientDeleted);
            Assert.Equal($"deleted-{userId:N}-{d.Id:N}@deleted.invalid", d.Recipient);
            Assert.Equal("", d.Subject + d.HtmlBody + d.TextBody);
            Assert.Equal(DeliveryState.Sent, d.State);
            Assert.NotNull(d.SentAt);
        });
        Assert.Equal(sent.Select(d => d.Template).Order(), anonymized.Select(d => d.Template).Order());
        Assert.False(await service.WithDbAsync(db => db.Deliveries.AnyAsync(d => d.Recipient == oldEmail || d.Recipient == newEmail)));
        Assert.True(await service.WithDbAsync(db => db.Deliveries.AnyAsync(d => d.Recipient == someoneElse && !d.RecipientDeleted && d.HtmlBody != "")));

        var admin = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));
        var detail = await admin.GetStringAsync($"/deliveries/{ids[0]}");
        Assert.DoesNotContain(oldEmail, detail);
        Assert.DoesNotContain(newEmail, detail);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/deliveries/{ids[0]}/resend", null)).StatusCode);
    }

    [Fact]
    public async Task A_registration_that_arrives_after_the_deletion_does_not_bring_the_account_back()
    {
        var deleted = new UserDeleted(Guid.NewGuid(), DateTimeOffset.UtcNow);
        await service.Bus.PublishAsync(deleted, NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.DirectoryUsers.AnyAsync(u => u.UserId == deleted.UserId && u.Deleted)), "the deletion");

        var late = new UserRegistered(deleted.UserId, IdentityEvents.NewAddress(), "Grace", "Hopper", DateTimeOffset.UtcNow.AddMinutes(-5));
        var lateId = NewId.NextGuid();
        await service.Bus.PublishAsync(late, lateId);

        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Set<InboxRecord>()
            .AnyAsync(r => r.MessageId == lateId && r.Consumer == "UserRegisteredConsumer")), "the late registration to be handled");
        var user = await service.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserId == deleted.UserId));
        Assert.True(user.Deleted);
        Assert.Null(user.Email);
    }
}
