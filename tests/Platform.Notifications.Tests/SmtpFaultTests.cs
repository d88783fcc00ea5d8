using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Notifications.Model;
using Xunit.Abstractions;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>After an SMTP outage, mail goes out within seconds of the server's return, whatever the emails' own backoff.</summary>
public sealed class SmtpOutageTests(ProductionRetryMailServerFixture service, ITestOutputHelper output) : IClassFixture<ProductionRetryMailServerFixture>
{
    [Fact]
    public async Task Mail_resumes_within_15_seconds_of_the_SMTP_server_coming_back()
    {
        string[] addresses = [NewAddress(), NewAddress(), NewAddress()];
        await service.StopMailServerAsync();
        try
        {
            foreach (var address in addresses)
            {
                await service.Bus.PublishAsync(new PasswordChanged(Guid.NewGuid(), address, "Grace", DateTimeOffset.UtcNow, "self"), NewId.NextGuid());
            }

            await Eventually.TrueAsync(
                async () => await service.WithDbAsync(db => db.Deliveries.CountAsync(d => addresses.Contains(d.Recipient) && d.State == DeliveryState.Retrying)) == 3,
                "all three to wait for the server");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await service.StartMailServerAsync();
        }

        var back = Stopwatch.StartNew();
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(addresses.Select(service.Mail.ToAsync))).All(received => received.Count == 1),
            "all three emails after the server came back", TimeSpan.FromSeconds(60));
        output.WriteLine($"mail resumed {back.Elapsed.TotalSeconds:0.0} s after the SMTP server was back");
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(15), $"mail resumed {back.Elapsed.TotalSeconds:0.0} s after the server was back");
    }
}

/// <summary>A server that closed an idle connection (421) is a connection fault: reconnect at once, no retry delay for the email.</summary>
public sealed class IdleConnectionTests(IdleClosingSmtpFixture service) : IClassFixture<IdleClosingSmtpFixture>
{
    [Fact]
    public async Task An_idle_connection_the_server_closed_with_421_is_reopened_at_once_and_the_email_sent_on_its_first_attempt()
    {
        var before = new PasswordChanged(Guid.NewGuid(), NewAddress(), "Grace", DateTimeOffset.UtcNow, "self");
        await service.Bus.PublishAsync(before, NewId.NextGuid());
        await Eventually.TrueAsync(() => Task.FromResult(service.SmtpServer.AcceptedFor(before.Email) == 1), "the first email");
        await Eventually.TrueAsync(() => Task.FromResult(service.SmtpServer.IdleClosures >= 1), "the server to close the idle connection with 421");

        var after = new PasswordChanged(Guid.NewGuid(), NewAddress(), "Grace", DateTimeOffset.UtcNow, "self");
        await service.Bus.PublishAsync(after, NewId.NextGuid());

        await Eventually.TrueAsync(() => Task.FromResult(service.SmtpServer.AcceptedFor(after.Email) == 1), "the second email, without a retry delay", TimeSpan.FromSeconds(10));
        var delivery = await service.WithDbAsync(db => db.Deliveries.SingleAsync(d => d.Recipient == after.Email));
        Assert.Equal(DeliveryState.Sent, delivery.State);
        Assert.Equal(1, delivery.Attempts);
    }
}
