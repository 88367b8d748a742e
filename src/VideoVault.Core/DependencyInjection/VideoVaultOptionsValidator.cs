using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.DependencyInjection;

/// <summary>
/// Checks the settings DataAnnotations cannot express, with messages that say how to fix them. Runs at host start
/// (<c>ValidateOnStart</c>), so a wrong setting fails the boot instead of the first upload.
/// </summary>
internal sealed class VideoVaultOptionsValidator : IValidateOptions<VideoVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        // Emptiness, ranges and required values are DataAnnotations' job (see VideoVaultOptions); these are the rest.
        if (!string.IsNullOrEmpty(options.RootPath) && options.RootPath.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("VideoVault:RootPath contains characters that are not valid in a path; set it to a plain folder path.");
        }

        if (!string.IsNullOrWhiteSpace(options.DefaultCategory)
            && VideoFileNamer.SanitizeCategory(options.DefaultCategory, string.Empty) != options.DefaultCategory.Trim())
        {
            failures.Add($"VideoVault:DefaultCategory '{options.DefaultCategory}' is not a plain label; use letters, digits and '-' only (e.g. General).");
        }

        if (options.ResumableUploadExpiry <= TimeSpan.Zero)
        {
            failures.Add($"VideoVault:ResumableUploadExpiry is {options.ResumableUploadExpiry}; set it to how long an unfinished upload may wait for its client, e.g. 1.00:00:00 for 24 hours.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
