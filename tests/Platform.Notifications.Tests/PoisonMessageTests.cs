using MassTransit;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace Platform.Notifications.Tests;

[Collection(SharedServiceCollection.Name)]
public sealed class PoisonMessageTests(NotificationsServiceFixture service)
{
    [Fact]
    public async Task A_poison_message_goes_to_the_error_queue_and_the_next_message_is_still_processed()
    {
        var poison = IdentityEvents.VerificationRequested() with { Email = "" };
        var good = IdentityEvents.VerificationRequested();

        await service.Bus.PublishAsync(poison, NewId.NextGuid());
        await service.Bus.PublishAsync(good, NewId.NextGuid());

        await service.Mail.WaitForEmailToAsync(good.Email);
        var errorQueue = $"{service.Context.MessagingPrefix}-notifications-email-verification-requested_error";
        await Eventually.TrueAsync(async () => await MessagesInAsync(errorQueue) == 1, $"the poison message in {errorQueue}", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await service.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Recipient == "")));
    }

    private async Task<uint> MessagesInAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(service.Context.Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }
}
