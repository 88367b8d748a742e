namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Lookups built on <see cref="IDriveClient"/>, the same for every implementation.</summary>
internal static class DriveClientExtensions
{
    /// <summary>The untrashed Drive copies of a video in <paramref name="folderId"/>, found by its <c>videoVaultId</c> app property.</summary>
    public static Task<IReadOnlyList<DriveFile>> FindByVideoVaultIdAsync(this IDriveClient client, string videoVaultId, string folderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ListAsync(DriveQuery.ByVideoVaultId(videoVaultId, folderId), cancellationToken);
    }
}
