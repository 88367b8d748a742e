using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

internal sealed partial class SqliteVideoManifest
{
    /// <summary>
    /// The statements that add a video (its row, its event, its host notification, the end of its publish intent) in one
    /// transaction. A batch
    /// keeps them for all its records: compiling the row's insert with its triggers costs several times running it.
    /// </summary>
    private sealed class VideoInsertStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public SqliteCommand Video { get; } = Command(connection, transaction, VideoRow.Insert);

        public SqliteCommand Event { get; } = Command(connection, transaction, InsertEventSql);

        public SqliteCommand Notification { get; } = Command(connection, transaction, InsertNotificationSql);

        public SqliteCommand PublishIntentEnd { get; } = Command(connection, transaction, "DELETE FROM publish_intents WHERE video_id = @video_id;");

        public void Dispose()
        {
            Video.Dispose();
            Event.Dispose();
            Notification.Dispose();
            PublishIntentEnd.Dispose();
        }
    }
}
