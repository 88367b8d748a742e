namespace VideoVault.Mirroring;

/// <summary>
/// Marker singleton: its presence in DI means a mirror is configured, so new videos start as
/// <see cref="MirrorStatus.Pending"/> instead of <see cref="MirrorStatus.Disabled"/>. Mirror plug-ins register it.
/// </summary>
internal sealed class MirrorRegistration
{
    public MirrorRegistration(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The mirror's name for logs (e.g. <c>google-drive</c>).</summary>
    public string Name { get; }
}
