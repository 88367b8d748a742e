namespace VideoVault;

/// <summary>Progress of a check of every mirror copy, reported after each copy.</summary>
/// <param name="Result">The copy just checked.</param>
/// <param name="Checked">How many copies were checked so far, this one included.</param>
/// <param name="Total">How many copies the run checks.</param>
public readonly record struct MirrorCopyProgress(MirrorCopyVerification Result, int Checked, int Total);
