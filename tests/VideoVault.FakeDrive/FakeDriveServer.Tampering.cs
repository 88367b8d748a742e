namespace VideoVault.FakeDrive;

/// <summary>
/// What can happen to a file on Drive after it was uploaded, for tests of the checks of mirror copies: someone deletes
/// it, trashes it, or its bytes change (a damaged or overwritten copy); and Drive reporting no SHA-256 for it.
/// </summary>
public sealed partial class FakeDriveServer
{
    /// <summary>Deletes a file for good, as someone could in Drive's web UI: files.get then answers 404.</summary>
    /// <param name="id">The file id.</param>
    /// <returns>Whether the file existed.</returns>
    public bool RemoveFile(string id)
    {
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

    /// <summary>Flips the bits of one byte of a file: the same size, other checksums.</summary>
    /// <param name="id">The file id.</param>
    /// <param name="offset">Which byte.</param>
    /// <returns>Whether the file exists.</returns>
    public bool FlipByte(string id, int offset) => Change(id, file =>
    {
        var bytes = file.Content.ToArray();
        bytes[offset] ^= 0xFF;
        return file with { Content = bytes };
    });

    /// <summary>Makes files.get and files.list leave out a file's <c>sha256Checksum</c>, as Drive may ("if available").</summary>
    /// <param name="id">The file id.</param>
    /// <param name="omit">Whether to leave it out.</param>
    /// <returns>Whether the file exists.</returns>
    public bool OmitSha256(string id, bool omit = true) => Change(id, file => file with { OmitsSha256 = omit });

    private bool Change(string id, Func<FakeDriveFile, FakeDriveFile> change)
    {
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
