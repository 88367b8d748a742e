namespace VideoVault.AspNetCore.Json;

/// <summary>
/// <c>GET {prefix}/uploads/{id}</c> on an unfinished upload: where it stands, for a page or a script that lost track
/// (tus clients use <c>HEAD</c>). A completed upload answers with its video instead.
/// </summary>
internal sealed class TusUploadJson
{
    public bool Success => true;

    public required string UploadId { get; init; }

    /// <summary>Always <c>in_progress</c>: a completed upload answers with its video.</summary>
    public required string State { get; init; }

    public required long Offset { get; init; }

    /// <summary>The declared length, or <see langword="null"/> while it is deferred.</summary>
    public long? Length { get; init; }

    public required string OriginalFilename { get; init; }

    public string? Category { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public string? VideoId { get; init; }
}
