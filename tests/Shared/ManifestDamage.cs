using Microsoft.Data.Sqlite;

namespace VideoVault.Tests;

/// <summary>Damages a manifest file on disk the way a bad disk would, for tests of the integrity check.</summary>
internal static class ManifestDamage
{
    /// <summary>
    /// Overwrites the root page of <paramref name="index"/> in the database at <paramref name="databasePath"/>, after
    /// every pooled connection let go of the file and the WAL was checkpointed into it.
    /// </summary>
    public static async Task CorruptIndexAsync(string databasePath, string index)
    {
        SqliteConnection.ClearAllPools();
        long page;
        long pageSize;
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
            command.CommandText = $"SELECT rootpage FROM sqlite_schema WHERE name = '{index}';";
            page = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)(await command.ExecuteScalarAsync())!;
        }

        await using var file = new FileStream(databasePath, FileMode.Open, FileAccess.Write);
        file.Position = (page - 1) * pageSize;
        await file.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
    }
}
