using System.Text.Json;
using VideoVault.AspNetCore.Json;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// The lower-case names the HTTP API uses for states and events, so scripts see one vocabulary. States and containers
/// come from the API's own <see cref="WireNames"/> (linked source, see the project file); the API has no audit trail,
/// so event kinds are named here.
/// </summary>
internal static class Labels
{
    public static string Of(MirrorState state) => WireNames.Of(state);

    public static string Of(LocalCopyState state) => WireNames.Of(state);

    public static string Of(VideoContainer container) => WireNames.Of(container);

    public static string Of(VideoEventKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public static bool TryParseMirrorState(string text, out MirrorState state) => WireNames.TryParseMirrorState(text.Trim(), out state);

    public static string MirrorStates => string.Join(", ", WireNames.MirrorStates.Select(WireNames.Of));
}
