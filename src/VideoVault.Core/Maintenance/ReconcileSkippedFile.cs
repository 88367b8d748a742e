namespace VideoVault;

/// <summary>A file without a record that reconciliation left alone, and why.</summary>
/// <param name="RelativePath">The file, relative to the store root.</param>
/// <param name="Reason">Why it was left alone.</param>
/// <param name="AdoptableAt">
/// For <see cref="ReconcileSkipReason.TooYoung"/> and <see cref="ReconcileSkipReason.PublishInProgress"/>: when the
/// grace period ends, so a reconciliation from then on adopts (or commits) it. <see langword="null"/> for the others.
/// </param>
public sealed record ReconcileSkippedFile(string RelativePath, ReconcileSkipReason Reason, DateTimeOffset? AdoptableAt);
