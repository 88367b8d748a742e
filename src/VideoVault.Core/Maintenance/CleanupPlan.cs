namespace VideoVault;

/// <summary>
/// What a cleanup would do: the local copies older than the cutoff that are verified on the mirror (safe to remove)
/// and those that are not (kept unless the caller overrides).
/// </summary>
/// <param name="Cutoff">Videos stored before this instant are old enough.</param>
/// <param name="Eligible">Present locally, old enough, verified on the mirror: oldest first.</param>
/// <param name="Unmirrored">Present locally, old enough, but not verified on the mirror (possibly the only copy): oldest first.</param>
public sealed record CleanupPlan(DateTimeOffset Cutoff, IReadOnlyList<VideoRecord> Eligible, IReadOnlyList<VideoRecord> Unmirrored)
{
    /// <summary>The bytes removing every eligible copy frees.</summary>
    public long EligibleBytes => Eligible.Sum(video => video.SizeBytes);

    /// <summary>The bytes the unmirrored copies hold.</summary>
    public long UnmirroredBytes => Unmirrored.Sum(video => video.SizeBytes);
}
