using VideoVault.Manifest;

namespace VideoVault.Mirroring;

/// <summary>The mirror queue lives in the manifest; a host that swapped in another manifest must say so clearly.</summary>
internal static class MirrorQueueResolver
{
    public static IMirrorQueue From(IVideoManifest manifest) =>
        manifest as IMirrorQueue ?? throw new InvalidOperationException(
            $"The registered IVideoManifest ({manifest.GetType().FullName}) has no mirror queue, which the Drive mirror and the event handlers need. Use the built-in SQLite manifest (do not replace IVideoManifest) when adding AddGoogleDriveMirror or AddEventHandler.");
}
