namespace VideoVault.AspNetCore.Json;

/// <summary>The lower-case names the JSON API uses for the core's enums; fixed here so a rename in C# never leaks.</summary>
internal static class WireNames
{
    public static IReadOnlyList<MirrorState> MirrorStates { get; } = Enum.GetValues<MirrorState>();

    public static string Of(MirrorState state) => state switch
    {
        MirrorState.Disabled => "disabled",
        MirrorState.Pending => "pending",
        MirrorState.Uploading => "uploading",
        MirrorState.Mirrored => "mirrored",
        MirrorState.Retrying => "retrying",
        MirrorState.Failed => "failed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static bool TryParseMirrorState(string value, out MirrorState state)
    {
        foreach (var candidate in MirrorStates)
        {
            if (string.Equals(Of(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static string Of(LocalCopyState state) => state switch
    {
        LocalCopyState.Present => "present",
        LocalCopyState.Missing => "missing",
        LocalCopyState.Removed => "removed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Of(VideoContainer container) => container switch
    {
        VideoContainer.Mp4 => "mp4",
        VideoContainer.QuickTime => "quicktime",
        VideoContainer.ThreeGpp => "3gpp",
        VideoContainer.Matroska => "matroska",
        VideoContainer.WebM => "webm",
        VideoContainer.Avi => "avi",
        VideoContainer.MpegTransportStream => "mpeg-ts",
        VideoContainer.MpegProgramStream => "mpeg-ps",
        VideoContainer.Flv => "flv",
        VideoContainer.Asf => "asf",
        _ => "unknown",
    };
}
