using System.Text.Json;

namespace VideoVault.Manager.Rendering;

/// <summary>The lower-case names the HTTP API uses for states and events, so scripts see one vocabulary.</summary>
internal static class Labels
{
    public static string Of(MirrorState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    public static string Of(LocalCopyState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    public static string Of(VideoEventKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

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

    public static bool TryParseMirrorState(string text, out MirrorState state)
    {
        foreach (var candidate in Enum.GetValues<MirrorState>())
        {
            if (string.Equals(Of(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static string MirrorStates => string.Join(", ", Enum.GetValues<MirrorState>().Select(Of));
}
