namespace VideoVault;

/// <summary>Which audit-trail entries to read.</summary>
public sealed record VideoEventQuery
{
    /// <summary>Only entries about this video id.</summary>
    public string? VideoId { get; init; }

    /// <summary>Only entries after this sequence number (for following the trail).</summary>
    public long? AfterSequence { get; init; }

    /// <summary>At most this many entries: the newest ones, returned oldest first.</summary>
    public int? Tail { get; init; }
}
