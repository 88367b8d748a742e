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

        // Version 4. Indexed search and counters, so a list, a search and the statistics cost what they return.
        // search_key is a stable integer key per video (VideoRow.Insert assigns MAX + 1; existing rows are numbered in
        // creation order, as uploads would have numbered them): the full-text index names rows by it, because videos has a TEXT primary key and VACUUM may renumber
        // its implicit rowids. videos_search is an external-content FTS5 trigram index over the two names (a phrase
        // of 3+ characters matches any substring, Unicode case folded); video_counts holds videos and bytes per exact
        // category spelling (read grouped COLLATE NOCASE, like the list filter) and per mirror state (whose sum is the
        // total). Triggers keep both in the statement that changes the row, so they commit or roll back with it.
        // ix_videos_mirror_created orders a mirror-state filter newest first without a sort. video_key_blocks bounds the
        // creation times of the rows in each run of 2^SearchKeyBlockBits search keys (only ever widened: a delete
        // leaves it wider than needed, never narrower), so a search can take its newest hits block by block without
        // reading every hit's row (see SqliteVideoManifest.Search.cs).
        $"""
        ALTER TABLE videos ADD COLUMN search_key INTEGER;
        UPDATE videos SET search_key = numbered.n
        FROM (SELECT rowid AS r, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM videos) AS numbered
        WHERE videos.rowid = numbered.r;
        CREATE UNIQUE INDEX ux_videos_search_key ON videos (search_key);
        CREATE INDEX ix_videos_mirror_created ON videos (mirror_state, created_at, id);
        CREATE TRIGGER videos_search_key_required BEFORE INSERT ON videos WHEN new.search_key IS NULL
        BEGIN SELECT RAISE(ABORT, 'videos.search_key is required: insert through VideoRow.Insert'); END;

        CREATE VIRTUAL TABLE videos_search USING fts5 (
            original_name, stored_name, content = 'videos', content_rowid = 'search_key', tokenize = 'trigram');
        INSERT INTO videos_search (videos_search) VALUES ('rebuild');
        CREATE TRIGGER videos_search_insert AFTER INSERT ON videos BEGIN
            INSERT INTO videos_search (rowid, original_name, stored_name) VALUES (new.search_key, new.original_name, new.stored_name);
        END;
        CREATE TRIGGER videos_search_delete AFTER DELETE ON videos BEGIN
            INSERT INTO videos_search (videos_search, rowid, original_name, stored_name)
            VALUES ('delete', old.search_key, old.original_name, old.stored_name);
        END;
        CREATE TRIGGER videos_search_update AFTER UPDATE OF original_name, stored_name, search_key ON videos BEGIN
            INSERT INTO videos_search (videos_search, rowid, original_name, stored_name)
            VALUES ('delete', old.search_key, old.original_name, old.stored_name);
            INSERT INTO videos_search (rowid, original_name, stored_name) VALUES (new.search_key, new.original_name, new.stored_name);
        END;

        CREATE TABLE video_counts (
            dimension TEXT    NOT NULL,
            value     TEXT    NOT NULL,
            videos    INTEGER NOT NULL,
            bytes     INTEGER NOT NULL,
            PRIMARY KEY (dimension, value)
        ) WITHOUT ROWID;
        INSERT INTO video_counts (dimension, value, videos, bytes)
        SELECT 'category', category, COUNT(*), SUM(size_bytes) FROM videos GROUP BY category;
        INSERT INTO video_counts (dimension, value, videos, bytes)
        SELECT 'mirror_state', mirror_state, COUNT(*), SUM(size_bytes) FROM videos GROUP BY mirror_state;
        CREATE TRIGGER videos_count_insert AFTER INSERT ON videos BEGIN
            INSERT INTO video_counts (dimension, value, videos, bytes)
            VALUES ('category', new.category, 1, new.size_bytes), ('mirror_state', new.mirror_state, 1, new.size_bytes)
            ON CONFLICT (dimension, value) DO UPDATE SET videos = videos + excluded.videos, bytes = bytes + excluded.bytes;
        END;
        CREATE TRIGGER videos_count_delete AFTER DELETE ON videos BEGIN
            UPDATE video_counts SET videos = videos - 1, bytes = bytes - old.size_bytes WHERE dimension = 'category' AND value = old.category;
            UPDATE video_counts SET videos = videos - 1, bytes = bytes - old.size_bytes WHERE dimension = 'mirror_state' AND value = old.mirror_state;
            DELETE FROM video_counts WHERE dimension = 'category' AND value = old.category AND videos = 0;
            DELETE FROM video_counts WHERE dimension = 'mirror_state' AND value = old.mirror_state AND videos = 0;
        END;
        CREATE TRIGGER videos_count_update_category AFTER UPDATE OF category, size_bytes ON videos
        WHEN old.category IS NOT new.category OR old.size_bytes IS NOT new.size_bytes BEGIN
            UPDATE video_counts SET videos = videos - 1, bytes = bytes - old.size_bytes WHERE dimension = 'category' AND value = old.category;
            DELETE FROM video_counts WHERE dimension = 'category' AND value = old.category AND videos = 0;
            INSERT INTO video_counts (dimension, value, videos, bytes) VALUES ('category', new.category, 1, new.size_bytes)
            ON CONFLICT (dimension, value) DO UPDATE SET videos = videos + 1, bytes = bytes + excluded.bytes;
        END;
        CREATE TABLE video_key_blocks (
            block       INTEGER NOT NULL PRIMARY KEY,
            min_created INTEGER NOT NULL,
            max_created INTEGER NOT NULL
        );
        INSERT INTO video_key_blocks (block, min_created, max_created)
        SELECT search_key >> {SearchKeyBlockBits}, MIN(created_at), MAX(created_at) FROM videos GROUP BY search_key >> {SearchKeyBlockBits};
        CREATE TRIGGER videos_key_block_insert AFTER INSERT ON videos BEGIN
            INSERT INTO video_key_blocks (block, min_created, max_created) VALUES (new.search_key >> {SearchKeyBlockBits}, new.created_at, new.created_at)
            ON CONFLICT (block) DO UPDATE SET min_created = MIN(min_created, excluded.min_created), max_created = MAX(max_created, excluded.max_created);
        END;
        CREATE TRIGGER videos_key_block_update AFTER UPDATE OF search_key, created_at ON videos BEGIN
            INSERT INTO video_key_blocks (block, min_created, max_created) VALUES (new.search_key >> {SearchKeyBlockBits}, new.created_at, new.created_at)
            ON CONFLICT (block) DO UPDATE SET min_created = MIN(min_created, excluded.min_created), max_created = MAX(max_created, excluded.max_created);
        END;

        CREATE TRIGGER videos_count_update_mirror_state AFTER UPDATE OF mirror_state, size_bytes ON videos
        WHEN old.mirror_state IS NOT new.mirror_state OR old.size_bytes IS NOT new.size_bytes BEGIN
            UPDATE video_counts SET videos = videos - 1, bytes = bytes - old.size_bytes WHERE dimension = 'mirror_state' AND value = old.mirror_state;
            DELETE FROM video_counts WHERE dimension = 'mirror_state' AND value = old.mirror_state AND videos = 0;
            INSERT INTO video_counts (dimension, value, videos, bytes) VALUES ('mirror_state', new.mirror_state, 1, new.size_bytes)
            ON CONFLICT (dimension, value) DO UPDATE SET videos = videos + 1, bytes = bytes + excluded.bytes;
        END;
        """,

        // Version 5. Publish intents: committed before an upload's file is renamed into videos/ and deleted in the transaction
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

        // Checks of the mirror copies. mirror_md5 is the MD5 of the bytes the mirror verified on Drive (the manifest's
        // own hash is SHA-256, and Drive may not report one), recorded when the copy is verified; copies verified before
        // this version have none until a check computes it from an intact local copy. mirror_checked_at is when the
        // copy was last found intact (by the upload's own verification or a later check): the background check takes
        // the oldest first, so it starts as mirrored_at. The index serves that pick without a sort.
        """
        ALTER TABLE videos ADD COLUMN mirror_md5 TEXT;
        ALTER TABLE videos ADD COLUMN mirror_checked_at INTEGER;
        UPDATE videos SET mirror_checked_at = mirrored_at WHERE mirror_state = 'Mirrored';
        CREATE INDEX ix_videos_mirror_checked ON videos (mirror_state, mirror_checked_at);
        """,
    ];

    /// <summary>The version that added resumable uploads (the <c>uploads</c> table), for tests that build such a file.</summary>
    internal const int ResumableUploadsVersion = 3;

    /// <summary>
    /// Search keys per <c>video_key_blocks</c> row, as a power of two. Fixed forever: the version 4 step and the search
    /// both use it.
    /// </summary>
    internal const int SearchKeyBlockBits = 10;

    /// <summary>The version that adds the search index and the counters (tests build the one before it).</summary>
    internal const int CatalogIndexVersion = 4;

    /// <summary>The version that records the mirror copy's MD5 and when the copy was last checked (tests build the one before it).</summary>
    internal const int MirrorCopyChecksVersion = 6;

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
