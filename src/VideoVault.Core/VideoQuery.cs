namespace VideoVault;

/// <summary>A page request for <see cref="IVideoStore.ListAsync"/>: newest first, optionally filtered.</summary>
public sealed record VideoQuery
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxLimit = 1000;

    /// <summary>
    /// Text that the original or the stored name must contain: a literal substring (<c>%</c>, <c>_</c>, <c>\</c> and
    /// <c>"</c> are plain characters), compared after Unicode case folding (<c>é</c> finds <c>É</c>, <c>ü</c> finds
    /// <c>Ü</c>) and with the text normalised to NFC. Three or more characters are answered from an index; one or two
    /// are answered by reading every name, so their cost grows with the catalog.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>Only videos of this category (case-insensitive).</summary>
    public string? Category { get; init; }

    /// <summary>Only videos in this mirror state.</summary>
    public MirrorState? MirrorState { get; init; }

    /// <summary>Only videos created at or after this instant.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only videos created before this instant.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Page size, 1..<see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>
    /// An opaque cursor from <see cref="VideoPage.NextCursor"/>: the page after it. Stable under concurrent
    /// inserts; takes precedence over <see cref="Offset"/>.
    /// </summary>
    public string? Cursor { get; init; }

    /// <summary>
    /// Rows to skip (page-number paging); ignored when <see cref="Cursor"/> is set. Every request skips them again (in
    /// an index, without reading the skipped records), so deep pages cost more the deeper they are: prefer
    /// <see cref="Cursor"/>.
    /// </summary>
    public int Offset { get; init; }
}
