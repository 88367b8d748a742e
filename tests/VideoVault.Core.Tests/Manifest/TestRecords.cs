namespace VideoVault.Core.Tests.Manifest;

/// <summary>Builds valid, unique video records for manifest tests.</summary>
internal static class TestRecords
{
    private static int s_counter;

    public static VideoRecord Create(
        DateTimeOffset createdAt,
        string originalName = "clip.mp4",
        string category = "General",
        MirrorStatus? mirror = null)
    {
        var n = Interlocked.Increment(ref s_counter);
        var stem = Path.GetFileNameWithoutExtension(originalName);
        var storedName = $"{createdAt:yyyyMMdd_HHmmss}_{category}_{stem}_{n}.mp4";
        return new VideoRecord
        {
            Id = Guid.CreateVersion7(createdAt).ToString("N"),
            StoredName = storedName,
            RelativePath = $"videos/{createdAt:yyyy}/{createdAt:MM}/{storedName}",
            OriginalFileName = originalName,
            Category = category,
            MimeType = "video/mp4",
            Container = VideoContainer.Mp4,
            SizeBytes = 1000 + n,
            Sha256 = new string('a', 64),
            CreatedAt = createdAt,
            Mirror = mirror ?? MirrorStatus.Disabled,
        };
    }
}
