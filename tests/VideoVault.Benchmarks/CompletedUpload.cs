namespace VideoVault.Benchmarks;

/// <summary>
/// One upload done: how the client saw it, the id of the video it became when the answer names it (tus does, in
/// <c>VideoVault-Video-Id</c>), and how it went over the wire (e.g. "128 PATCHes over 1 connection").
/// </summary>
internal sealed record CompletedUpload(ClientRun Client, string? VideoId = null, string? Wire = null);
