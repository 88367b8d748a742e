using VideoVault.AspNetCore.Hosting;

namespace VideoVault.AspNetCore.Tests.Hosting;

public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Blocks_are_64_KiB_whatever_smaller_size_is_asked_for()
    {
        using var pool = new LargeBlockMemoryPool();

        using var small = pool.Rent(1);
        using var unspecified = pool.Rent();

        pool.MaxBufferSize.Should().Be(64 * 1024);
        small.Memory.Length.Should().Be(64 * 1024);
        unspecified.Memory.Length.Should().Be(64 * 1024);
        pool.BlocksRented.Should().Be(2);
    }

    [Fact]
    public void A_returned_block_is_reused()
    {
        using var pool = new LargeBlockMemoryPool();
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();

        using var second = pool.Rent();

        second.Memory.Span[0].Should().Be(42, "the same array came back from the pool");
    }

    [Fact]
    public void A_block_disposed_twice_is_returned_once()
    {
        using var pool = new LargeBlockMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();

        using var a = pool.Rent();
        using var b = pool.Rent();

        a.Memory.Equals(b.Memory).Should().BeFalse();
        var access = () => block.Memory;
        access.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void A_request_larger_than_a_block_gets_an_array_of_that_size()
    {
        using var pool = new LargeBlockMemoryPool();

        using var large = pool.Rent(100_000);

        large.Memory.Length.Should().Be(100_000);
    }
}
