using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// The manifest's schema as ordered migrations keyed by <c>PRAGMA user_version</c>. A new version appends a step;
/// existing steps never change, because databases in the field already ran them.
/// </summary>
internal static class ManifestSchema
{
    /// <summary>Migration steps: step <c>i</c> upgrades a database from version <c>i</c> to <c>i + 1</c>.</summary>
    private static readonly string[] Steps =
    [
        // Version 1. Instants are INTEGER ticks since the Unix epoch (see ManifestTime); enums are stored by name.
        """
        CREATE TABLE videos (
            id                        TEXT    NOT NULL PRIMARY KEY,
            stored_name               TEXT    NOT NULL UNIQUE,
            relative_path             TEXT    NOT NULL UNIQUE,
            original_name             TEXT    NOT NULL,
            category                  TEXT    NOT NULL,
            mime_type                 TEXT    NOT NULL,
            container                 TEXT    NOT NULL,
            size_bytes                INTEGER NOT NULL,
            sha256                    TEXT    NOT NULL,
            created_at                INTEGER NOT NULL,
            local_state               TEXT    NOT NULL,
            mirror_state              TEXT    NOT NULL,
            mirror_attempts           INTEGER NOT NULL DEFAULT 0,
            mirror_last_error         TEXT,
            mirror_next_attempt_at    INTEGER,
            remote_file_id            TEXT,
            remote_link               TEXT,
            mirrored_at               INTEGER,
            mirror_session_uri        TEXT,
            mirror_session_started_at INTEGER
        );
        CREATE INDEX ix_videos_created ON videos (created_at, id);
        CREATE INDEX ix_videos_category ON videos (category COLLATE NOCASE, created_at, id);
        CREATE INDEX ix_videos_mirror ON videos (mirror_state, mirror_next_attempt_at);

        CREATE TABLE events (
            seq      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            at       INTEGER NOT NULL,
            kind     TEXT    NOT NULL,
            video_id TEXT,
            detail   TEXT
        );
        CREATE INDEX ix_events_video ON events (video_id, seq);
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the events table is append-only'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the events table is append-only'); END;

        CREATE TABLE notifications (
            seq             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            video_id        TEXT    NOT NULL,
            kind            TEXT    NOT NULL,
            detail          TEXT,
            created_at      INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT,
            delivered_at    INTEGER
        );
        CREATE INDEX ix_notifications_due ON notifications (next_attempt_at) WHERE delivered_at IS NULL;
        """,

        // Version 2. The client's idempotency key; existing rows have none. The partial index lets any number of
        // keyless rows coexist while a key names at most one video, and the insert's ON CONFLICT DO NOTHING covers it.
        """
        ALTER TABLE videos ADD COLUMN idempotency_key TEXT;
        CREATE UNIQUE INDEX ux_videos_idempotency_key ON videos (idempotency_key) WHERE idempotency_key IS NOT NULL;
        """,

        // Version 3. Resumable (staged) uploads: one row per upload, whose offset is durable (the bytes below it are
        // fsync'd in .incoming/resumable/<id>.part before the row says so). A completed upload keeps its row, naming its
        // video, until it would have expired, so a client that lost the last answer finds its video.
        """
        CREATE TABLE uploads (
            id              TEXT    NOT NULL PRIMARY KEY,
            original_name   TEXT    NOT NULL,
            category        TEXT,
            mime_type       TEXT,
            length          INTEGER,
            upload_offset   INTEGER NOT NULL DEFAULT 0,
            container       TEXT,
            idempotency_key TEXT,
            state           TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            video_id        TEXT
        );
        CREATE INDEX ix_uploads_state ON uploads (state, updated_at);
        """,

        // Publish intents: committed before an upload's file is renamed into videos/ and deleted in the transaction
        // that inserts its video, so start-up looks only at the uploads a crash caught between the two instead of
        // walking videos/. A row holds what finds the file again (the folder and the parts of every name the rename
        // may have taken) and the record that would have been committed. created_at is the record's time and the
        // timestamp in its stored name. The two indexes let the start-up trim of the event outbox seek instead of scan.
        """
        CREATE TABLE publish_intents (
            video_id        TEXT    NOT NULL PRIMARY KEY,
            upload_id       TEXT,
            folder          TEXT    NOT NULL,
            category        TEXT    NOT NULL,
            stem            TEXT    NOT NULL,
            extension       TEXT    NOT NULL,
            original_name   TEXT    NOT NULL,
            idempotency_key TEXT,
            mime_type       TEXT    NOT NULL,
            container       TEXT    NOT NULL,
            size_bytes      INTEGER NOT NULL,
            sha256          TEXT    NOT NULL,
            created_at      INTEGER NOT NULL
        );
        CREATE INDEX ix_notifications_delivered ON notifications (delivered_at) WHERE delivered_at IS NOT NULL;
        CREATE INDEX ix_notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;
        """,
    ];

    /// <summary>The version that added resumable uploads (the <c>uploads</c> table), for tests that build such a file.</summary>
    internal const int ResumableUploadsVersion = 3;

    /// <summary>The version this build writes.</summary>
    public static int CurrentVersion => Steps.Length;

    /// <summary>
    /// Brings the database to <see cref="CurrentVersion"/> inside the caller's write transaction and returns the
    /// version found. Refuses a database written by a newer build rather than guess at its meaning.
    /// </summary>
    public static Task<int> MigrateAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        MigrateAsync(connection, transaction, CurrentVersion, cancellationToken);

    /// <summary>
    /// Runs the steps up to <paramref name="targetVersion"/> only, so tests can build a database exactly as an older
    /// build left it.
    /// </summary>
    internal static async Task<int> MigrateAsync(SqliteConnection connection, SqliteTransaction transaction, int targetVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, CurrentVersion);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version;";
        var found = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The manifest database has schema version {found}, but this VideoVault build understands up to version {CurrentVersion}. " +
                "Upgrade VideoVault (and the admin tool) to the version that created the database.");
        }

        for (var version = found; version < targetVersion; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Steps[version] + $"\nPRAGMA user_version = {version + 1};";
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return found;
    }
}
