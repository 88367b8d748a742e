namespace VideoVault.Manifest;

/// <summary>Publish intents (<see cref="IPublishIntentManifest"/>), one transaction per call.</summary>
internal sealed partial class SqliteVideoManifest
{
    public Task AddPublishIntentAsync(PublishIntent intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return WriteAsync(
            async (connection, transaction) =>
            {
                using var insert = Command(connection, transaction,
                    $"INSERT OR REPLACE INTO publish_intents ({PublishIntent.Columns}) VALUES (@video_id, @upload_id, @folder, @category, @stem, @extension, " +
                    "@original_name, @idempotency_key, @mime_type, @container, @size_bytes, @sha256, @created_at);");
                PublishIntent.AddParameters(insert, intent);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<bool> RemovePublishIntentAsync(string videoId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                using var delete = Command(connection, transaction, "DELETE FROM publish_intents WHERE video_id = @video_id;");
                delete.Parameters.AddWithValue("@video_id", videoId);
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            },
            cancellationToken,
            commitWhen: removed => removed);
    }

    public Task<IReadOnlyList<PublishIntent>> ReadPublishIntentsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PublishIntent>>(
            async (connection, transaction) =>
            {
                using var select = Command(connection, transaction, $"SELECT {PublishIntent.Columns} FROM publish_intents ORDER BY created_at, video_id;");
                var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var intents = new List<PublishIntent>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        intents.Add(PublishIntent.Read(reader));
                    }

                    return intents;
                }
            },
            cancellationToken);
}
