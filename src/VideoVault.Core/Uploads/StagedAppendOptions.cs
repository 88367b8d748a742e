namespace VideoVault;

/// <summary>Options of one <see cref="IStagedUploadStore.AppendAsync"/> call.</summary>
public sealed record StagedAppendOptions
{
    /// <summary>A digest of this piece (tus's <c>Upload-Checksum</c>): a piece that does not match it is not kept at all.</summary>
    public UploadChecksum? Checksum { get; init; }

    /// <summary>Declares the upload's length with this piece, for an upload created without one.</summary>
    public long? DeclareLength { get; init; }
}
