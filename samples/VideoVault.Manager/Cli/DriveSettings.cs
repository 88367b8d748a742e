using System.Reflection;
using Microsoft.Extensions.Configuration;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Manager.Cli;

/// <summary>
/// The Drive mirror's settings for the tool, read from the same environment variables a host reads
/// (<c>VideoVault__Drive__Enabled</c>, <c>VideoVault__Drive__CredentialsPath</c>, <c>VideoVault__Drive__FolderId</c>,
/// ...), so an admin points the tool at the host's Drive folder by exporting the host's settings. Commands that talk
/// to Drive (<c>restore</c>, <c>verify --drive</c>) need <c>Enabled=true</c>; the others never call Drive.
/// </summary>
internal static class DriveSettings
{
    private const string EnvironmentPrefix = "VideoVault__Drive__";

    private static readonly string[] OptionNames = typeof(GoogleDriveMirrorOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.CanWrite)
        .Select(property => property.Name)
        .ToArray();

    /// <summary>The <c>VideoVault:Drive</c> section built from the variables that are set; empty when none are.</summary>
    public static IConfigurationSection FromEnvironment(Func<string, string?> environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in OptionNames)
        {
            if (environment(EnvironmentPrefix + name) is { } value)
            {
                values[$"{GoogleDriveMirrorOptions.SectionName}:{name}"] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(GoogleDriveMirrorOptions.SectionName);
    }
}
