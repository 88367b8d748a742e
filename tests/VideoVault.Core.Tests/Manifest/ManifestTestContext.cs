using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Manifest;
using VideoVault.Tests;

namespace VideoVault.Core.Tests.Manifest;

/// <summary>A real manifest file in a fresh temp directory, on a fake clock; deleted on dispose.</summary>
internal sealed class ManifestTestContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly List<SqliteVideoManifest> _manifests = [];

    public ManifestTestContext()
    {
        DatabasePath = Path.Combine(_directory.Path, "nested", "manifest.db");
        Manifest = Open();
    }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public SqliteVideoManifest Manifest { get; }

    /// <summary>Another instance on the same file, as the admin tool or a restarted host would open it.</summary>
    public SqliteVideoManifest Open()
    {
        var manifest = new SqliteVideoManifest(DatabasePath, Time, NullLogger<SqliteVideoManifest>.Instance);
        _manifests.Add(manifest);
        return manifest;
    }

    /// <summary>A connection outside the manifest, to look at the file as the sqlite3 shell would.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var manifest in _manifests)
        {
            await manifest.DisposeAsync();
        }

        _directory.Dispose();
    }
}
