namespace VideoVault.FakeDrive;

/// <summary>
/// What happens to stored files behind the client's back, for tests of the mirror copy checks and of restore: someone
/// deletes or trashes a file in Drive's UI, its stored bytes go bad or are overwritten, or Drive reports no SHA-256
/// for it. Drive's reported size and checksums follow the stored bytes, as Drive computes them from the content.
/// </summary>
public sealed partial class FakeDriveServer
{
    /// <summary>Deletes a file for good, as someone could in Drive's web UI: files.get then answers 404.</summary>
    /// <param name="id">The file id.</param>
    /// <returns>Whether the file existed.</returns>
    public bool RemoveFile(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_state.Gate)
        {
            return _state.Files.Remove(id);
        }
    }

    /// <summary>Moves a file to the trash (or restores it from there).</summary>
    /// <param name="id">The file id.</param>
    /// <param name="trashed">Whether the file is to be in the trash.</param>
    /// <returns>Whether the file exists.</returns>
    public bool SetTrashed(string id, bool trashed = true) => Change(id, file => file with { Trashed = trashed });

    /// <summary>Replaces a file's bytes: its size, MD5 and SHA-256 follow the new bytes.</summary>
    /// <param name="id">The file id.</param>
    /// <param name="content">The new bytes.</param>
    /// <returns>Whether the file exists.</returns>
    public bool ReplaceContent(string id, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Change(id, file => file with { Content = content.ToArray() });
    }

    /// <summary>
    /// Inverts <paramref name="count"/> stored bytes from <paramref name="offset"/> on, keeping the size: the content
    /// is wrong from now on, and so are the checksums Drive reports for it (they describe the new bytes).
    /// </summary>
    /// <param name="id">The file id.</param>
    /// <param name="offset">The first byte to alter.</param>
    /// <param name="count">How many bytes to alter.</param>
    /// <returns>Whether the file exists.</returns>
    public bool CorruptContent(string id, long offset, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Change(id, file =>
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, file.Size, nameof(count));
            var bytes = file.Content.ToArray();
            for (var i = 0; i < count; i++)
            {
                bytes[offset + i] ^= 0xFF;
            }

            return file with { Content = bytes };
        });
    }

    /// <summary>Makes files.get and files.list leave out a file's <c>sha256Checksum</c>, as Drive may ("if available").</summary>
    /// <param name="id">The file id.</param>
    /// <param name="omit">Whether to leave it out.</param>
    /// <returns>Whether the file exists.</returns>
    public bool OmitSha256(string id, bool omit = true) => Change(id, file => file with { OmitsSha256 = omit });

    private bool Change(string id, Func<FakeDriveFile, FakeDriveFile> change)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_state.Gate)
        {
            if (!_state.Files.TryGetValue(id, out var file))
            {
                return false;
            }

            _state.Files[id] = change(file);
            return true;
        }
    }
}
