using System.Diagnostics;
using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>The sample host (Release build) over a fresh store root, configured for large uploads.</summary>
internal static class SampleHost
{
    public static Task<ServerProcess> StartAsync(string hostAssembly, string workDirectory, long maxFileSize)
    {
        var root = Directory.CreateDirectory(Path.Combine(workDirectory, "vault")).FullName;
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
        return ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "health"));
    }
}
