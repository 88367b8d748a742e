using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace VideoVault.Manifest;

/// <summary>
/// The manifest on a SQLite file in WAL mode with <c>synchronous=FULL</c>: every write is one <c>BEGIN IMMEDIATE</c>
/// transaction that is on disk when the call returns. Connections are opened per operation from Microsoft.Data.Sqlite's
/// pool, and a busy timeout lets the admin tool use the same file while the host runs.
/// </summary>
internal sealed partial class SqliteVideoManifest : IVideoManifest, IMirrorQueue, ILocalCopyStateTransition, IUploadManifest, IPublishIntentManifest, IDisposable, IAsyncDisposable
{
    /// <summary>How long a statement waits for another connection's write lock before failing.</summary>
    internal const int BusyTimeoutMilliseconds = 5000;

    private const int FullSynchronous = 2;
    private const int SqliteInterrupt = 9;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int MaxTextLength = 4000;

    private const string InsertEventSql = "INSERT INTO events (at, kind, video_id, detail) VALUES (@at, @kind, @video_id, @detail);";

    private const string InsertNotificationSql =
        "INSERT INTO notifications (video_id, kind, detail, created_at, attempts, next_attempt_at) VALUES (@video_id, @kind, @detail, @now, 0, @now);";

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteVideoManifest> _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    public SqliteVideoManifest(string databasePath, TimeProvider timeProvider, ILogger<SqliteVideoManifest> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        DatabasePath = Path.GetFullPath(databasePath);
        _timeProvider = timeProvider;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Creates the directory and schema, switches to WAL and reads the durability settings back. Idempotent; every
    /// other member calls it first, so callers need not. It does not check the file's integrity: that reads the whole
    /// file (22 s at a million videos), so the host runs <see cref="CheckIntegrityAsync"/> in the background instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file cannot be made durable (not WAL, not FULL) or was written
    /// by a newer build.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var journalMode = await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
                if (!string.Equals(Convert.ToString(journalMode, CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"The manifest database '{DatabasePath}' could not be switched to WAL mode (it reports '{journalMode}'). " +
                        "Put the store root on a local file system that supports shared memory (not a network share).");
                }

                var synchronous = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (synchronous != FullSynchronous)
                {
                    throw new InvalidOperationException(
                        $"The manifest database reports synchronous={synchronous} after it was set to FULL (2), so commits would not be durable. " +
                        "The SQLite build in use overrides it; use the e_sqlite3 bundle that Microsoft.Data.Sqlite ships.");
                }

                int previousVersion;
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    previousVersion = await ManifestSchema.MigrateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    transaction.Commit();
                }

                if (previousVersion != ManifestSchema.CurrentVersion)
                {
                    Log.SchemaMigrated(_logger, DatabasePath, previousVersion, ManifestSchema.CurrentVersion);
                }

                Log.Initialized(_logger, DatabasePath, ManifestSchema.CurrentVersion);
            }

            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>
    /// Reads the settings a pooled connection of this manifest actually runs with, for diagnostics (the admin
    /// tool's health check) and tests.
    /// </summary>
    internal async Task<ManifestDurability> ReadDurabilityAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return new ManifestDurability(
                Convert.ToString(await ScalarAsync(connection, "PRAGMA journal_mode;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty,
                Convert.ToInt32(await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture),
                Convert.ToInt32(await ScalarAsync(connection, "PRAGMA busy_timeout;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture),
                Convert.ToInt32(await ScalarAsync(connection, "PRAGMA foreign_keys;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1,
                Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Pooled connections keep the file (and its -wal/-shm) open; release them so the last close checkpoints.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializeLock.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs SQLite's <c>PRAGMA integrity_check</c> over the whole file (every page, every index against its table).
    /// Its time grows with the catalog, so it is not part of <see cref="InitializeAsync"/>: the host runs it in the
    /// background right after start (<see cref="VideoVault.Hosting.ManifestIntegrityCheckService"/>). It reads one
    /// snapshot and blocks no writer.
    /// </summary>
    /// <returns><see langword="null"/> when the file is intact; else what is wrong and what to do about it.</returns>
    internal async Task<string?> CheckIntegrityAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";

            // Microsoft.Data.Sqlite runs statements synchronously and ignores cancellation once one runs, and this one
            // takes tens of seconds on a big catalog: interrupt it, so a host that stops does not wait for it.
            using var interrupt = cancellationToken.Register(static state => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), connection);
            try
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        problems.Add(reader.GetString(0));
                    }
                }
            }
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) == SqliteInterrupt && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The integrity check was interrupted.", ex, cancellationToken);
            }
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase)
            {
                // Damage the check cannot even walk past is the clearest failure of all.
                problems.Add(ex.Message);
            }
        }

        if (problems is ["ok"])
        {
            Log.IntegrityCheckPassed(_logger, DatabasePath);
            return null;
        }

        var summary = string.Join("; ", problems.Take(10));
        Log.IntegrityCheckFailed(_logger, DatabasePath, summary);
        return $"The manifest database '{DatabasePath}' failed its integrity check: {summary}. " +
            "Stop every process using it, keep a copy of the file, and restore it from a backup or rebuild it with the sqlite3 '.recover' command.";
    }

    /// <summary>Opens a pooled connection with this manifest's per-connection settings, initialising first.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // synchronous is per connection (not stored in the file), so every connection from the pool sets it.
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction. It commits unless
    /// <paramref name="work"/> throws or <paramref name="commitWhen"/> rejects the result, so a refusal writes nothing.
    /// </summary>
    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> work,
        CancellationToken cancellationToken,
        Func<T, bool>? commitWhen = null)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // IMMEDIATE takes the write lock up front (waiting up to the busy timeout); a deferred transaction that
            // later upgrades fails at once with SQLITE_BUSY when another connection wrote in between.
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            if (commitWhen is null || commitWhen(result))
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            return result;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction, so its statements see one snapshot.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var result = await work(connection, transaction).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static Task InsertEventAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        DateTimeOffset at,
        VideoEventKind kind,
        string? videoId,
        string? detail,
        CancellationToken cancellationToken) =>
        InsertEventsAsync(connection, transaction, at, kind, [(videoId, detail)], cancellationToken);

    /// <summary>Appends one event per entry with one prepared statement (enabling a mirror can touch every row).</summary>
    private static async Task InsertEventsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        DateTimeOffset at,
        VideoEventKind kind,
        IEnumerable<(string? VideoId, string? Detail)> entries,
        CancellationToken cancellationToken)
    {
        using var insert = Command(connection, transaction, InsertEventSql);
        foreach (var (videoId, detail) in entries)
        {
            insert.Parameters.Clear();
            BindEvent(insert, at, kind, videoId, detail);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void BindEvent(SqliteCommand command, DateTimeOffset at, VideoEventKind kind, string? videoId, string? detail)
    {
        command.Parameters.AddWithValue("@at", ManifestTime.ToStored(at));
        command.Parameters.AddWithValue("@kind", kind.ToString());
        command.Parameters.AddWithValue("@video_id", (object?)videoId ?? DBNull.Value);
        command.Parameters.AddWithValue("@detail", (object?)Truncate(detail) ?? DBNull.Value);
    }

    private static async Task EnqueueNotificationAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        DateTimeOffset now,
        string videoId,
        ManifestNotificationKind kind,
        string? detail,
        CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, InsertNotificationSql);
        BindNotification(command, now, videoId, kind, detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void BindNotification(SqliteCommand command, DateTimeOffset now, string videoId, ManifestNotificationKind kind, string? detail)
    {
        command.Parameters.AddWithValue("@video_id", videoId);
        command.Parameters.AddWithValue("@kind", ManifestNotification.ToStored(kind));
        command.Parameters.AddWithValue("@detail", (object?)Truncate(detail) ?? DBNull.Value);
        command.Parameters.AddWithValue("@now", ManifestTime.ToStored(now));
    }

    /// <summary>Error texts can be whole exception messages; the manifest keeps a bounded, readable prefix.</summary>
    private static string? Truncate(string? text) =>
        text is { Length: > MaxTextLength } ? string.Concat(text.AsSpan(0, MaxTextLength - 1), "…") : text;
}
