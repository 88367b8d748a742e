namespace VideoVault.Storage;

/// <summary>
/// The durable steps the store takes to publish a video, behind an interface so a test can make one of them fail
/// after the others succeeded (a directory fsync after the rename, a full disk while creating a month folder).
/// </summary>
internal interface IDurableFileSystem
{
    /// <inheritdoc cref="DurableFileSystem.CreateDirectoryDurably"/>
    void CreateDirectoryDurably(string directory);

    /// <inheritdoc cref="DurableFileSystem.TryMoveNoReplace"/>
    bool TryMoveNoReplace(string source, string destination);

    /// <inheritdoc cref="DurableFileSystem.SyncDirectory"/>
    void SyncDirectory(string directory);
}
