using System.ComponentModel.DataAnnotations;

namespace VideoVault;

/// <summary>Settings of the store, bound from the <c>VideoVault</c> configuration section.</summary>
public sealed class VideoVaultOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "VideoVault";

    /// <summary>
    /// The root folder of the store (videos, temp files and the manifest). A relative path is resolved against the
    /// host's content root, else the current directory. Default: <c>video-vault</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string RootPath { get; set; } = "video-vault";

    /// <summary>The largest video accepted, in bytes. Default: 10 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileSizeBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Uploads are refused when they would leave less than this many bytes free. Default: 1 GiB.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeSpaceBytes { get; set; } = 1L * 1024 * 1024 * 1024;

    /// <summary>The category used when an upload names none. Default: <c>General</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DefaultCategory { get; set; } = "General";
}
