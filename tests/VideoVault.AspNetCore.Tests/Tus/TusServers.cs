namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>The settings both servers under test share, so one test reads the same against either.</summary>
internal static class TusServers
{
    /// <summary>Tus-Max-Size: above Kestrel's default 30 MB body limit, so a large PATCH proves the limit is raised.</summary>
    public const long MaxSize = 48L << 20;

    /// <summary>How long an upload on the expiring collection lives.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(2);
}
