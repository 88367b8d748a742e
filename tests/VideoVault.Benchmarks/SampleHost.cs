using System.Diagnostics;
using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>The sample host (Release build) over a store root, configured for large uploads.</summary>
internal static class SampleHost
{
    /// <summary>The host over a fresh root, <c>vault/</c> in <paramref name="workDirectory"/>.</summary>
    public static Task<ServerProcess> StartAsync(string hostAssembly, string workDirectory, long maxFileSize) =>
        StartOnRootAsync(hostAssembly, Directory.CreateDirectory(Path.Combine(workDirectory, "vault")).FullName, maxFileSize);

    /// <summary>
    /// The host over <paramref name="root"/> with more <c>VideoVault:*</c> settings (e.g. the Drive mirror's), ready
    /// once <paramref name="readyPath"/> answers, asked every <paramref name="pollInterval"/> for up to
    /// <paramref name="timeout"/> (see <see cref="ServerProcess.StartAsync"/>).
    /// </summary>
    public static Task<ServerProcess> StartOnRootAsync(
        string hostAssembly,
        string root,
        long maxFileSize,
        IReadOnlyDictionary<string, string>? settings = null,
        string readyPath = "health",
        TimeSpan? pollInterval = null,
        TimeSpan? timeout = null)
    {
        var port = ServerProcess.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostAssembly, "--urls", baseUri.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(hostAssembly)!,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                ["VideoVault__RootPath"] = root,
                ["VideoVault__MaxFileSizeBytes"] = maxFileSize.ToString(CultureInfo.InvariantCulture),
                ["VideoVault__MinFreeSpaceBytes"] = (256L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, readyPath), pollInterval, timeout);
    }
}
