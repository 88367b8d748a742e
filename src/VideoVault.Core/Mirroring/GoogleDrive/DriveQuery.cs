namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Builds files.list <c>q</c> expressions with Drive's escaping rules.</summary>
internal static class DriveQuery
{
    /// <summary>The app property that holds the video id.</summary>
    public const string VideoVaultIdKey = "videoVaultId";

    /// <summary>Escapes a value for a single-quoted string in <c>q</c>: <c>\</c> and <c>'</c> get a backslash.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
    }

    /// <summary>The untrashed files whose app property <paramref name="key"/> is <paramref name="value"/>.</summary>
    public static string ByAppProperty(string key, string value) =>
        $"appProperties has {{ key='{Escape(key)}' and value='{Escape(value)}' }} and trashed = false";

    /// <summary>
    /// The untrashed copies of a video in the mirror's folder (there should be at most one). Limited to that folder
    /// because what is found may be adopted or deleted: a copy someone keeps elsewhere is not the mirror's to touch.
    /// </summary>
    public static string ByVideoVaultId(string videoVaultId, string folderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folderId);
        return $"'{Escape(folderId)}' in parents and {ByAppProperty(VideoVaultIdKey, videoVaultId)}";
    }
}
