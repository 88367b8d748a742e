using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Storage;

/// <summary>
/// Writes an upload's blocks to its temp file, in order, on a thread of its own. A write to disk blocks in the
/// kernel for most of its time; done on the thread pool it would hold one of a small machine's few pool threads and
/// end up waiting behind the hash instead of running beside it.
/// </summary>
internal sealed class BlockWriter
{
    private readonly BlockingCollection<PipelineBlock> _queue = new();
    private readonly SafeFileHandle _file;
    private readonly bool _direct;
    private readonly BlockWrite _write;
    private readonly Action<PipelineBlock> _written;
    private readonly Action _failed;
    private readonly CancellationToken _stop;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _error;
    private long _writtenEnd = -1;

    /// <param name="file">The temp file.</param>
    /// <param name="direct">Whether the file is open for direct I/O (whole aligned blocks only).</param>
    /// <param name="written">Called with each block once written (or skipped after a stop).</param>
    /// <param name="failed">Called once if a write fails, to stop the rest of the pipeline.</param>
    /// <param name="stop">Once cancelled, queued blocks are released without being written.</param>
    /// <param name="write">Writes a block to the file.</param>
    public BlockWriter(SafeFileHandle file, bool direct, Action<PipelineBlock> written, Action failed, CancellationToken stop, BlockWrite write)
    {
        _file = file;
        _direct = direct;
        _write = write;
        _written = written;
        _failed = failed;
        _stop = stop;
        new Thread(Run) { IsBackground = true, Name = "VideoVault block writer" }.Start();
    }

    /// <summary>Completes when every queued block is written; faults with the first write error.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The first write error, as soon as it happened (before <see cref="Completion"/> ends).</summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>
    /// The file position up to which every posted block was written, in order (-1 before the first): what an interrupted
    /// append can keep. Read it after <see cref="Completion"/>.
    /// </summary>
    public long WrittenEnd => Volatile.Read(ref _writtenEnd);

    public void Post(PipelineBlock block) => _queue.Add(block);

    /// <summary>No more blocks will come.</summary>
    public void Complete() => _queue.CompleteAdding();

    private void Run()
    {
        foreach (var block in _queue.GetConsumingEnumerable())
        {
            if (Error is null && !_stop.IsCancellationRequested)
            {
                try
                {
                    Write(block);
                    Volatile.Write(ref _writtenEnd, block.Offset + block.Count);
                }
                catch (Exception ex)
                {
                    // Whatever it is (EIO, ENOSPC, EFBIG as ArgumentOutOfRangeException), it belongs to the upload,
                    // not to this thread: hand it over rather than crash the process.
                    Volatile.Write(ref _error, ex);
                    _failed();
                }
            }

            _written(block);
        }

        if (Error is { } error)
        {
            _completion.TrySetException(error);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    private void Write(PipelineBlock block)
    {
        var length = block.Count;
        if (_direct && length % AlignedBuffer.Alignment != 0)
        {
            // Only the last block can be partial. Direct I/O writes whole blocks: pad with zeros, truncate later.
            // The hasher reads only the first Count bytes, so the padding does not race with it.
            length = AlignedBuffer.AlignUp(length);
            block.Buffer.GetSpan()[block.Count..length].Clear();
        }

        _write(_file, block.Buffer.GetSpan()[..length], block.Offset);
    }
}
