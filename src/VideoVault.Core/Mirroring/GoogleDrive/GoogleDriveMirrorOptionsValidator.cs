using Microsoft.Extensions.Options;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Fails the host at start when the mirror is enabled but cannot work, saying what is missing and how to fix it.</summary>
internal sealed class GoogleDriveMirrorOptionsValidator : IValidateOptions<GoogleDriveMirrorOptions>
{
    public ValidateOptionsResult Validate(string? name, GoogleDriveMirrorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return options.RestoreAutomatically
                ? ValidateOptionsResult.Fail(
                    "VideoVault:Drive:RestoreAutomatically is true but the Drive mirror is not enabled, so there is nothing to restore from. Set VideoVault:Drive:Enabled=true (with its CredentialsPath and FolderId), or set RestoreAutomatically=false.")
                : ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FolderId))
        {
            failures.Add(
                "VideoVault:Drive:FolderId is not set. Set it (or VideoVault__Drive__FolderId) to the id of the target folder, the last part of its URL https://drive.google.com/drive/folders/<id>; for a service account, use a folder in a shared drive the account is a member of.");
        }

        if (string.IsNullOrWhiteSpace(options.CredentialsPath))
        {
            failures.Add(
                "VideoVault:Drive:CredentialsPath is not set. Set it (or VideoVault__Drive__CredentialsPath) to a service-account key JSON or an OAuth authorized_user JSON.");
        }
        else if (!File.Exists(options.CredentialsPath))
        {
            failures.Add(
                $"VideoVault:Drive:CredentialsPath points at '{Path.GetFullPath(options.CredentialsPath)}', which does not exist. Check the path (a relative path is resolved against the working directory).");
        }
        else
        {
            try
            {
                GoogleDriveCredentialLoader.Load(options);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex.Message);
            }
        }

        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            failures.Add($"VideoVault:Drive:Scope is empty; leave it unset for {GoogleDriveMirrorOptions.DriveFileScope}.");
        }

        if (options.ChunkSizeBytes < GoogleDriveMirrorOptions.ChunkGranularity || options.ChunkSizeBytes % GoogleDriveMirrorOptions.ChunkGranularity != 0)
        {
            failures.Add(
                $"VideoVault:Drive:ChunkSizeBytes is {options.ChunkSizeBytes}; Drive needs a multiple of 262144 (256 KiB), for example 8388608 (8 MiB).");
        }

        if (options.MaxParallelUploads < 1)
        {
            failures.Add($"VideoVault:Drive:MaxParallelUploads is {options.MaxParallelUploads}; it must be at least 1.");
        }

        if (options.BaseUri is not { IsAbsoluteUri: true } baseUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("VideoVault:Drive:BaseUri must be an absolute http(s) URI such as https://www.googleapis.com/.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"VideoVault:Drive:MaxAttempts is {options.MaxAttempts}; it must be at least 1.");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add(
                $"VideoVault:Drive:InitialBackoff ({options.InitialBackoff}) must be positive and not above MaxBackoff ({options.MaxBackoff}).");
        }

        if (options.QueuePollInterval <= TimeSpan.Zero)
        {
            failures.Add($"VideoVault:Drive:QueuePollInterval ({options.QueuePollInterval}) must be positive, e.g. 00:00:30.");
        }

        if (options.RequestTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            failures.Add($"VideoVault:Drive:RequestTimeout ({timeout}) must be positive, or unset to size it to the chunk.");
        }

        if (options.WaitForMirrorSeconds < 0)
        {
            failures.Add($"VideoVault:Drive:WaitForMirrorSeconds is {options.WaitForMirrorSeconds}; use 0 (do not wait) or a positive number of seconds.");
        }

        if (options.CheckCopiesInBackground && options.CopyCheckInterval <= TimeSpan.Zero)
        {
            failures.Add(
                $"VideoVault:Drive:CopyCheckInterval ({options.CopyCheckInterval}) must be positive, e.g. 00:01:00 (one copy checked per minute), or set CheckCopiesInBackground to false.");
        }

        if (options.CheckCopiesInBackground && options.CopyCheckMaxAge <= TimeSpan.Zero)
        {
            failures.Add(
                $"VideoVault:Drive:CopyCheckMaxAge ({options.CopyCheckMaxAge}) must be positive, e.g. 30.00:00:00 (every copy re-checked within 30 days), or set CheckCopiesInBackground to false.");
        }

        if (options.RestoreMaxAttempts < 1)
        {
            failures.Add($"VideoVault:Drive:RestoreMaxAttempts is {options.RestoreMaxAttempts}; it must be at least 1 (6 by default).");
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            failures.Add("VideoVault:Drive:ApplicationName is empty; leave it unset for 'VideoVault'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
