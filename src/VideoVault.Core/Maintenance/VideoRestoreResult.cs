namespace VideoVault;

/// <summary>The result of restoring one video's local copy from the mirror: what was found, and what was done.</summary>
public sealed record VideoRestoreResult
{
    /// <summary>The outcome.</summary>
    public required RestoreOutcome Outcome { get; init; }

    /// <summary>The id or stored name the restore was asked for.</summary>
    public required string Target { get; init; }

    /// <summary>The video as it is after the restore (present again when restored); <see langword="null"/> when unknown.</summary>
    public VideoRecord? Video { get; init; }

    /// <summary>What the restore found, readable: the local copy's state and the mirror's copy.</summary>
    public required string Found { get; init; }

    /// <summary>What the restore did about it, readable (and, when it did nothing, why).</summary>
    public required string Done { get; init; }

    /// <summary>
    /// The store-relative path a wrong local file was moved to before the restored one took its place
    /// (<c>quarantine/...</c>), when there was one; it is never overwritten or deleted.
    /// </summary>
    public string? QuarantinedPath { get; init; }

    /// <summary>Bytes received from the mirror, those of interrupted requests included.</summary>
    public long BytesDownloaded { get; init; }

    /// <summary>How many download requests it took (more than one after an interruption or a retry).</summary>
    public int DownloadRequests { get; init; }

    /// <summary>Whether the local copy is present and intact afterwards (<see cref="RestoreOutcome.Restored"/> or <see cref="RestoreOutcome.AlreadyPresent"/>).</summary>
    public bool IsPresent => Outcome is RestoreOutcome.Restored or RestoreOutcome.AlreadyPresent;
}
