namespace VideoVault.Manifest;

/// <summary>The commit of a restore from the mirror (see <see cref="IRestoreManifest"/>).</summary>
internal sealed partial class SqliteVideoManifest : IRestoreManifest
{
    public Task<bool> MarkRestoredAsync(string id, LocalCopyState expected, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!Enum.IsDefined(expected))
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "Unknown local copy state.");
        }

        return WriteAsync(
            async (connection, transaction) =>
            {
                using (var update = Command(connection, transaction, "UPDATE videos SET local_state = @present WHERE id = @id AND local_state = @expected;"))
                {
                    update.Parameters.AddWithValue("@present", nameof(LocalCopyState.Present));
                    update.Parameters.AddWithValue("@id", id);
                    update.Parameters.AddWithValue("@expected", expected.ToString());
                    if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                var now = _timeProvider.GetUtcNow();
                await InsertEventAsync(connection, transaction, now, VideoEventKind.Restored, id, detail, cancellationToken).ConfigureAwait(false);
                await EnqueueNotificationAsync(connection, transaction, now, id, ManifestNotificationKind.Restored, detail, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            commitWhen: restored => restored);
    }
}
