namespace VideoVault;

/// <summary>One entry of the manifest's append-only audit trail.</summary>
/// <param name="Sequence">The entry's position in the trail (strictly increasing).</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="VideoId">The video it concerns; <see langword="null"/> for a refused upload.</param>
/// <param name="Detail">A readable detail (never a secret; paths only relative to the store root).</param>
public sealed record VideoEvent(long Sequence, DateTimeOffset At, VideoEventKind Kind, string? VideoId, string? Detail);
