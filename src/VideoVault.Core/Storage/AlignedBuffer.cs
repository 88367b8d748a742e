using System.Buffers;
using System.Runtime.InteropServices;

namespace VideoVault.Storage;

/// <summary>
/// A block of native memory aligned for direct I/O (<c>O_DIRECT</c> needs the buffer address, the file offset and
/// the length aligned to the device's logical block size; <see cref="Alignment"/> covers every common one).
/// </summary>
internal sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    public const int Alignment = 4096;

    private readonly int _length;
    private void* _pointer;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (length % Alignment != 0)
        {
            throw new ArgumentException($"The length must be a multiple of {Alignment}.", nameof(length));
        }

        _length = length;
        _pointer = NativeMemory.AlignedAlloc((nuint)length, Alignment);
    }

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        return new Span<byte>(_pointer, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)_pointer + elementIndex);

    public override void Unpin()
    {
    }

    /// <summary>Rounds <paramref name="length"/> up to the alignment.</summary>
    public static int AlignUp(int length) => (length + Alignment - 1) & ~(Alignment - 1);

    protected override void Dispose(bool disposing)
    {
        if (_pointer is not null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
