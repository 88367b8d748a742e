namespace VideoVault.FakeDrive;

/// <summary>
/// What happens to stored files behind the client's back, for tests of verification and restore: someone deletes a
/// file in Drive's UI, or its stored bytes go bad. Drive's reported size and checksums follow the stored bytes, as
/// Drive computes them from the content.
/// </summary>
public sealed partial class FakeDriveServer
{
    /// <summary>Deletes a stored file permanently (its id then answers 404).</summary>
    /// <param name="id">The file id.</param>
    /// <returns>Whether the file existed.</returns>
    public bool DeleteFile(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_state.Gate)
        {
            return _state.Files.Remove(id);
        }
    }

    /// <summary>Replaces a stored file's bytes (the size and checksums Drive reports change with them).</summary>
    /// <param name="id">The file id.</param>
    /// <param name="content">The new bytes.</param>
    /// <returns>The file as now stored.</returns>
    /// <exception cref="KeyNotFoundException">No file has that id.</exception>
    public FakeDriveFile ReplaceContent(string id, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(content);
        lock (_state.Gate)
        {
            var file = _state.Files.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"The fake Drive has no file '{id}'.");
            var altered = file with { Content = content };
            _state.Files[id] = altered;
            return altered;
        }
    }

    /// <summary>
    /// Inverts <paramref name="count"/> stored bytes from <paramref name="offset"/> on, keeping the size: the file's
    /// content is wrong from now on, and so are the checksums Drive reports for it (they describe the new bytes).
    /// </summary>
    /// <param name="id">The file id.</param>
    /// <param name="offset">The first byte to alter.</param>
    /// <param name="count">How many bytes to alter.</param>
    /// <returns>The file as now stored.</returns>
    /// <exception cref="KeyNotFoundException">No file has that id.</exception>
    public FakeDriveFile CorruptContent(string id, long offset, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_state.Gate)
        {
            var file = _state.Files.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"The fake Drive has no file '{id}'.");
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, file.Size, nameof(count));
            var bytes = file.Content.ToArray();
            for (var i = 0; i < count; i++)
            {
                bytes[offset + i] ^= 0xFF;
            }

            var altered = file with { Content = bytes };
            _state.Files[id] = altered;
            return altered;
        }
    }
}
