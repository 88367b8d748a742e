using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>How writing a whole body into a new file ended.</summary>
internal enum TempFileWriteStatus
{
    Written,
    TooLarge,
    OutOfSpace,
}

/// <summary>The new file's status, path, length and SHA-256 (empty unless written).</summary>
internal readonly record struct TempFileWriteResult(TempFileWriteStatus Status, string TempPath, long Length, string Sha256);

/// <summary>
/// The writer's tests drive its one append into a new, empty file, as the store does for an upload's first piece;
/// a refused or failed write leaves no file behind, as the store's clean-up does.
/// </summary>
internal static class OneFileWrite
{
    public static async Task<TempFileWriteResult> WriteAsync(
        this AtomicFileWriter writer,
        ReadOnlyMemory<byte> head,
        Stream body,
        string tempPath,
        long maxBytes,
        Func<bool> hasRoomToContinue,
        CancellationToken cancellationToken)
    {
        var completed = false;
        try
        {
            using (File.Open(tempPath, FileMode.CreateNew, FileAccess.Write))
            {
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            AppendResult appended;
            using (var file = TempFileHandle.OpenExisting(tempPath, writer.PrefersDirectIo, out var direct))
            {
                appended = await writer.AppendAsync(new AppendTarget(file, direct, tempPath, 0), head, body, maxBytes, hash, null, hasRoomToContinue, cancellationToken);
            }

            switch (appended.Status)
            {
                case AppendStatus.Interrupted:
                    ExceptionDispatchInfo.Throw(appended.BodyError!);
                    break;
                case AppendStatus.TooLarge:
                    return new(TempFileWriteStatus.TooLarge, tempPath, 0, string.Empty);
                case AppendStatus.OutOfSpace:
                    return new(TempFileWriteStatus.OutOfSpace, tempPath, 0, string.Empty);
            }

            completed = true;
            return new(TempFileWriteStatus.Written, tempPath, appended.Length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            if (!completed)
            {
                AtomicFileWriter.TryDelete(tempPath);
            }
        }
    }
}
