using System.Net;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>
/// A request body that sends its first part, then holds the request open until released, then sends the rest: a PATCH
/// that is provably in flight while a test does something else to the same upload.
/// </summary>
internal sealed class GatedContent(byte[] body, int firstPart) : HttpContent
{
    private readonly TaskCompletionSource _firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstPartSent => _firstPartSent.Task;

    public void Release() => _release.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body.AsMemory(0, firstPart), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _firstPartSent.TrySetResult();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await stream.WriteAsync(body.AsMemory(firstPart), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
