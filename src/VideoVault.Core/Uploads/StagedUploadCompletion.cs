namespace VideoVault;

/// <summary>Metadata that arrived after an upload's bytes, applied when it is published.</summary>
public sealed record StagedUploadCompletion
{
    /// <summary>Replaces the category given at creation when not <see langword="null"/>.</summary>
    public string? Category { get; init; }
}
