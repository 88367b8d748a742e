using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// Writes JSON to a text writer through a <see cref="Utf8JsonWriter"/>, draining in chunks so large exports stream
/// instead of being built in memory.
/// </summary>
internal sealed class JsonOutput : IDisposable
{
    private const int DrainThreshold = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Names are shown to admins, not embedded in HTML: keep non-ASCII names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions CompactOptions = Options with { Indented = false };

    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly TextWriter target;

    public JsonOutput(TextWriter target, bool indented = true)
    {
        this.target = target;
        Writer = new Utf8JsonWriter(buffer, indented ? Options : CompactOptions);
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>Writes what has accumulated when it is large enough; call between records.</summary>
    public async Task DrainIfLargeAsync(CancellationToken cancellationToken)
    {
        if (Writer.BytesPending + buffer.WrittenCount >= DrainThreshold)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes everything written so far, then a new line.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await target.WriteLineAsync().ConfigureAwait(false);
        await target.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteAsync(TextWriter target, Action<Utf8JsonWriter> write, CancellationToken cancellationToken, bool indented = true)
    {
        using var output = new JsonOutput(target, indented);
        write(output.Writer);
        await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await target.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }

    public void Dispose() => Writer.Dispose();
}
