namespace VideoVault.Manager.Cli;

/// <summary>Finds the store root the same way the host does: <c>--root</c>, else the environment, else the default.</summary>
internal static class StoreRoot
{
    /// <summary>The environment variable the host binds to <c>VideoVault:RootPath</c>.</summary>
    public const string EnvironmentVariable = "VideoVault__RootPath";

    public const string ManifestFileName = "manifest.db";

    public static string Resolve(string? option, Func<string, string?> environment)
    {
        var root = option;
        if (string.IsNullOrWhiteSpace(root))
        {
            root = environment(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(root))
        {
            root = new VideoVaultOptions().RootPath;
        }

        return Path.GetFullPath(root);
    }

    /// <summary>
    /// Refuses a root that holds no manifest: a mistyped <c>--root</c> must not quietly create an empty store and
    /// report "no videos". It is a usage error (exit 2): the command line or the environment points at the wrong
    /// place, which is not a problem found in a store.
    /// </summary>
    public static void EnsureExists(string root)
    {
        if (!File.Exists(Path.Combine(root, ManifestFileName)))
        {
            throw CliException.Usage(
                $"no VideoVault store at '{root}' (no {ManifestFileName}); pass --root DIR or set {EnvironmentVariable}");
        }
    }
}
