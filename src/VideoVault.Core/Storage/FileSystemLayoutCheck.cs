namespace VideoVault.Storage;

/// <summary>
/// Proves that <c>.incoming/</c> and <c>videos/</c> share one file system by renaming a probe file across them.
/// A rename between file systems fails with EXDEV; publishing would then need a copy, which is neither atomic nor
/// durable, so the store refuses to start instead.
/// </summary>
internal static class FileSystemLayoutCheck
{
    public static void Verify(VideoVaultPaths paths)
    {
        var probeName = ".layout-probe-" + Guid.NewGuid().ToString("N");
        var source = Path.Combine(paths.Incoming, probeName);
        var destination = Path.Combine(paths.Videos, probeName);
        try
        {
            using (File.Create(source))
            {
            }

            if (!DurableFileSystem.TryMoveNoReplace(source, destination))
            {
                throw new InvalidOperationException($"VideoVault could not verify its layout: a probe file already exists in '{paths.Videos}'.");
            }
        }
        catch (IOException ex) when (ex.HResult == NativeMethods.EXDEV)
        {
            throw new InvalidOperationException(
                $"VideoVault needs '{paths.Incoming}' and '{paths.Videos}' on the same file system so that publishing a video is an atomic rename, " +
                "but they are on different ones. Do not mount a separate volume on either folder: mount it on the root "
                + $"'{paths.Root}' (VideoVault:RootPath) instead.", ex);
        }
        finally
        {
            AtomicFileWriter.TryDelete(source);
            AtomicFileWriter.TryDelete(destination);
        }
    }
}
