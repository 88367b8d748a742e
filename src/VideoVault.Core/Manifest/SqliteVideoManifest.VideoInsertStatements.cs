using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

internal sealed partial class SqliteVideoManifest
{
    /// <summary>
    /// The three statements that add a video (its row, its event, its host notification) in one transaction. A batch
    /// keeps them for all its records: compiling the row's insert with its triggers costs several times running it.
    /// </summary>
    private sealed class VideoInsertStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public SqliteCommand Video { get; } = Command(connection, transaction, VideoRow.Insert);

        public SqliteCommand Event { get; } = Command(connection, transaction, InsertEventSql);

        public SqliteCommand Notification { get; } = Command(connection, transaction, InsertNotificationSql);

        public void Dispose()
        {
            Video.Dispose();
            Event.Dispose();
            Notification.Dispose();
        }
    }
}
