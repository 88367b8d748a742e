using VideoVault.Mirroring;

namespace VideoVault.Tests.Mirroring;

public sealed class MirrorBackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_with_full_jitter_and_stop_at_the_cap()
    {
        var highest = new MirrorBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.999999);
        var lowest = new MirrorBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0);

        highest.DelayAfter(1).Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1));
        highest.DelayAfter(4).Should().BeCloseTo(TimeSpan.FromSeconds(8), TimeSpan.FromMilliseconds(1));
        highest.DelayAfter(40).Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(1));
        lowest.DelayAfter(10).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Retry_After_is_a_floor_for_the_delay()
    {
        var backoff = new MirrorBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), () => 0.5);

        backoff.DelayAfter(1, TimeSpan.FromSeconds(3)).Should().Be(TimeSpan.FromSeconds(3));
        backoff.DelayAfter(5, TimeSpan.FromMilliseconds(1)).Should().Be(TimeSpan.FromMilliseconds(50));
    }
}
