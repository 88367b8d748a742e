using System.Security.Cryptography;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<int, bool> SizesAndModes()
    {
        var data = new TheoryData<int, bool>();
        foreach (var size in new[] { 0, 1, 4095, 4096, 4097, AtomicFileWriter.BufferSize - 1, AtomicFileWriter.BufferSize, AtomicFileWriter.BufferSize + 1, (3 * AtomicFileWriter.BufferSize) + 123 })
        {
            data.Add(size, true);
            data.Add(size, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndModes))]
    public async Task Written_file_holds_exactly_the_head_and_body_with_their_hash(int size, bool direct)
    {
        var content = RandomBytes(size);
        var head = content.AsMemory(0, Math.Min(size, 16));
        var body = new TricklingStream(content.AsMemory(head.Length), maxReadSize: 70_001);
        var path = TempPath();

        var result = await new AtomicFileWriter(direct).WriteAsync(head, body, path, long.MaxValue, () => true, CancellationToken.None);

        result.Status.Should().Be(TempFileWriteStatus.Written);
        result.Length.Should().Be(size);
        result.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        (await File.ReadAllBytesAsync(path)).Should().Equal(content);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_that_fails_midway_leaves_no_temp_file_and_propagates_the_error(bool direct)
    {
        var body = new FailingStream(failAfter: (2 * AtomicFileWriter.BufferSize) + 10);
        var path = TempPath();

        var write = () => new AtomicFileWriter(direct).WriteAsync(ReadOnlyMemory<byte>.Empty, body, path, long.MaxValue, () => true, CancellationToken.None);

        await write.Should().ThrowAsync<IOException>().WithMessage("client went away");
        File.Exists(path).Should().BeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_discarded(bool direct)
    {
        var content = RandomBytes((2 * AtomicFileWriter.BufferSize) + 1);
        var path = TempPath();

        var result = await new AtomicFileWriter(direct).WriteAsync(
            ReadOnlyMemory<byte>.Empty, new MemoryStream(content), path, maxBytes: content.Length - 1, () => true, CancellationToken.None);

        result.Status.Should().Be(TempFileWriteStatus.TooLarge);
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task Running_out_of_room_midway_discards_the_file()
    {
        var path = TempPath();
        var checks = 0;

        var result = await new AtomicFileWriter().WriteAsync(
            ReadOnlyMemory<byte>.Empty, new FailingStream(failAfter: long.MaxValue, length: 200L << 20), path, long.MaxValue, () => ++checks < 2, CancellationToken.None);

        result.Status.Should().Be(TempFileWriteStatus.OutOfSpace);
        checks.Should().Be(2);
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task Cancellation_stops_the_write_and_removes_the_temp_file()
    {
        using var cancellation = new CancellationTokenSource();
        var body = new FailingStream(failAfter: long.MaxValue, length: 100L << 20, onRead: total =>
        {
            if (total > (3L << 20))
            {
                cancellation.Cancel();
            }
        });
        var path = TempPath();

        var write = () => new AtomicFileWriter().WriteAsync(ReadOnlyMemory<byte>.Empty, body, path, long.MaxValue, () => true, cancellation.Token);

        await write.Should().ThrowAsync<OperationCanceledException>();
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task Blocks_allocated_before_an_allocation_fails_are_kept_for_the_next_append_not_lost()
    {
        // Regression: the blocks were allocated before the try, so a failing allocation leaked the earlier ones' native memory.
        var allocated = new List<PipelineBlock>();
        var failAt = 2;
        var writer = new AtomicFileWriter(false, RandomAccess.Write, size =>
        {
            if (allocated.Count == failAt)
            {
                throw new OutOfMemoryException("simulated");
            }

            var block = new PipelineBlock(size);
            allocated.Add(block);
            return block;
        });
        var path = TempPath();

        var write = () => writer.WriteAsync(ReadOnlyMemory<byte>.Empty, new MemoryStream(RandomBytes(10)), path, long.MaxValue, () => true, CancellationToken.None);

        await write.Should().ThrowAsync<OutOfMemoryException>();
        allocated.Should().HaveCount(2).And.OnlyContain(block => !IsFreed(block));
        writer.IdleBlockCount.Should().Be(2, "both blocks wait in the writer's pool");
        File.Exists(path).Should().BeFalse();

        // The next append takes them back and allocates only the rest.
        failAt = int.MaxValue;
        (await writer.WriteAsync(ReadOnlyMemory<byte>.Empty, new MemoryStream(RandomBytes(10)), TempPath(), long.MaxValue, () => true, CancellationToken.None))
            .Status.Should().Be(TempFileWriteStatus.Written);
        allocated.Should().HaveCount(4);
        writer.IdleBlockCount.Should().Be(4);
    }

    [Fact]
    public async Task An_append_cut_by_the_client_still_writes_the_blocks_it_had_received_when_the_request_was_aborted()
    {
        // Regression: Kestrel fires the request's token when the client goes away; the writer took that as "discard"
        // and skipped the blocks still queued, so under load a cut PATCH kept nothing of what had arrived.
        var content = RandomBytes(3 * AtomicFileWriter.BufferSize + 1000);
        using var aborted = new CancellationTokenSource();
        var writer = new AtomicFileWriter(false, (file, data, offset) =>
        {
            Thread.Sleep(150); // a slow disk: blocks wait in the writer's queue when the abort comes
            RandomAccess.Write(file, data, offset);
        });
        var body = new AbortingStream(content, failAfter: 3 * AtomicFileWriter.BufferSize, aborted);
        var path = TempPath();
        await File.WriteAllBytesAsync(path, []);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        AppendResult result;
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
        {
            result = await writer.AppendAsync(new AppendTarget(file, false, path, 0), ReadOnlyMemory<byte>.Empty, body, long.MaxValue, hash, null, () => true, aborted.Token);
        }

        result.Status.Should().Be(AppendStatus.Interrupted);
        result.DurableEnd.Should().Be(3 * AtomicFileWriter.BufferSize, "the three whole blocks received before the abort are kept");
        (await File.ReadAllBytesAsync(path)).Should().Equal(content[..(3 * AtomicFileWriter.BufferSize)]);
    }

    /// <summary>A body that delivers some bytes, then fails as a dropped client does: the request's token fires too.</summary>
    private sealed class AbortingStream(byte[] content, int failAfter, CancellationTokenSource aborted) : ReadOnlyTestStream
    {
        private int _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= failAfter)
            {
                aborted.Cancel();
                throw new IOException("The client reset the connection.");
            }

            var n = Math.Min(buffer.Length, failAfter - _position);
            content.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return ValueTask.FromResult(n);
        }
    }

    private static bool IsFreed(PipelineBlock block)
    {
        try
        {
            _ = block.Buffer.GetSpan();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private string TempPath() => Path.Combine(_directory.Path, Guid.NewGuid().ToString("N") + ".tmp");

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Hands out its content in reads of varying, small sizes, as a network body does.</summary>
    private sealed class TricklingStream(ReadOnlyMemory<byte> content, int maxReadSize) : ReadOnlyTestStream
    {
        private int _position;
        private int _nextSize = 1;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _nextSize = (_nextSize * 7 % maxReadSize) + 1;
            var count = Math.Min(Math.Min(buffer.Length, _nextSize), content.Length - _position);
            content.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Produces zeros up to <c>length</c>, throwing an <see cref="IOException"/> once <c>failAfter</c> bytes were read.</summary>
    private sealed class FailingStream(long failAfter, long length = long.MaxValue, Action<long>? onRead = null) : ReadOnlyTestStream
    {
        private long _total;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_total >= failAfter)
            {
                throw new IOException("client went away");
            }

            var count = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024), Math.Min(length, failAfter) - _total);
            buffer.Span[..count].Clear();
            _total += count;
            onRead?.Invoke(_total);
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    }
}
