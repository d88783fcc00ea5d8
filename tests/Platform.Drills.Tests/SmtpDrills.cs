using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using static Platform.Drills.Tests.SignUps;

namespace Platform.Drills.Tests;

/// <summary>The SMTP server goes away and the notifications service dies, while emails are going out.</summary>
[Collection(DrillCollection.Name)]
public sealed class SmtpDrills(DrillPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task SMTP_sink_stopped_during_200_emails_every_email_arrives_at_most_15_twice_and_mail_resumes_within_15_seconds()
    {
        var addresses = Addresses("smtp-outage", 200);
        var before = platform.Mail.Count;
        var signingUp = SignUpAllAsync(platform.Gateway, addresses);
        await Eventually.TrueAsync(() => Task.FromResult(platform.Mail.Count >= before + 20), "the first emails", TimeSpan.FromSeconds(60));

        await platform.StopAsync("smtp");
        await Task.Delay(TimeSpan.FromSeconds(10));
        await platform.StartAsync("smtp");
        var back = Stopwatch.StartNew();
        var atReturn = platform.Mail.Count;
        await Eventually.TrueAsync(() => Task.FromResult(platform.Mail.Count > atReturn), "mail to resume", TimeSpan.FromSeconds(60));
        var resumedAfter = back.Elapsed;

        Assert.All(await signingUp, answer => Assert.Equal(HttpStatusCode.Accepted, answer));
        var counts = await platform.Mail.WaitForEachAsync(addresses, TimeSpan.FromSeconds(120));
        var duplicates = counts.Sum() - counts.Count;
        output.WriteLine($"SMTP sink down 10 s during {addresses.Count} emails: mail resumed {resumedAfter.TotalSeconds:0.0} s after it was back; "
            + $"{counts.Count(c => c > 0)} of {addresses.Count} delivered, {duplicates} duplicates");
        Assert.True(duplicates <= 15, $"{duplicates} duplicates (at most 15)");
        Assert.True(resumedAfter < TimeSpan.FromSeconds(15), $"mail resumed {resumedAfter.TotalSeconds:0.0} s after the SMTP server was back (at most 15)");
    }

    [Fact]
    public async Task Notifications_killed_in_the_middle_of_a_backlog_sends_at_most_one_email_per_connection_twice()
    {
        const int connections = 4; // Email:Concurrency
        var addresses = Addresses("notifications-kill", 200);
        // The events wait in RabbitMQ while notifications is down, so that it starts on a backlog of 200 and sends in full batches.
        await platform.KillAsync("notifications");
        Assert.All(await SignUpAllAsync(platform.Gateway, addresses), answer => Assert.Equal(HttpStatusCode.Accepted, answer));
        var before = platform.Mail.Count;
        await platform.StartAsync("notifications");
        await Eventually.TrueAsync(() => Task.FromResult(platform.Mail.Count >= before + 40), "the backlog to be under way", TimeSpan.FromSeconds(60));

        await platform.KillAsync("notifications");
        var acceptedBeforeTheKill = platform.Mail.Count - before;
        await platform.StartAsync("notifications");

        var counts = await platform.Mail.WaitForEachAsync(addresses, TimeSpan.FromSeconds(120));
        var duplicates = counts.Sum() - counts.Count;
        output.WriteLine($"notifications killed after {acceptedBeforeTheKill} of {addresses.Count} emails: {duplicates} duplicates");
        Assert.True(duplicates <= connections, $"{duplicates} duplicates (at most one per connection: {connections})");
    }
}
