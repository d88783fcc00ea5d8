namespace Platform.Gateway.Tests;

/// <summary>
/// A clock tests set and advance. Unlike FakeTimeProvider it may be set back: every test that moves
/// the shared <see cref="GatewayFixture.Clock"/> starts by setting it to the real now, whatever an
/// earlier test advanced it to.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref ticks, value.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
