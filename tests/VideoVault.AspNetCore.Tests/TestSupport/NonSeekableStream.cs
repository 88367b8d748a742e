namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>Makes HttpClient send the body chunked: it cannot know the length in advance.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
