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
    [Required(AllowEmptyStrings = false, ErrorMessage = "VideoVault:RootPath is empty; set it to the folder that holds the videos and the manifest (a relative path resolves against the content root).")]
    public string RootPath { get; set; } = "video-vault";

    /// <summary>The largest video accepted, in bytes. Default: 10 GiB.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "VideoVault:MaxFileSizeBytes must be positive; set it to the largest upload in bytes (e.g. 10737418240 for 10 GiB).")]
    public long MaxFileSizeBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Uploads are refused when they would leave less than this many bytes free. Default: 1 GiB.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "VideoVault:MinFreeSpaceBytes must not be negative; set it to the free space in bytes to keep on the disk (e.g. 1073741824 for 1 GiB), or 0.")]
    public long MinFreeSpaceBytes { get; set; } = 1L * 1024 * 1024 * 1024;

    /// <summary>The category used when an upload names none. Default: <c>General</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "VideoVault:DefaultCategory is empty; set it to the label of uploads that name no category (e.g. General).")]
    public string DefaultCategory { get; set; } = "General";

    /// <summary>
    /// How long a resumable upload may go without progress before it is removed with its bytes; also how long a
    /// completed upload's URL keeps answering. Default: 24 hours.
    /// </summary>
    public TimeSpan ResumableUploadExpiry { get; set; } = TimeSpan.FromHours(24);
}
