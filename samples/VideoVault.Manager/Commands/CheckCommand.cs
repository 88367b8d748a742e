using System.CommandLine;
using System.Globalization;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>check</c>: the manifest file's full integrity check, which the host runs only in the background after start;
/// exit 1 when it finds damage.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var json = CommonOptions.Json();
        var command = new Command("check", "Check the manifest file's integrity (reads the whole file); exit 1 when it is damaged") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var report = await session.Maintenance.CheckManifestIntegrityAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(
                    context.Out,
                    writer =>
                    {
                        writer.WriteStartObject();
                        writer.WriteBoolean("checked", report.WasChecked);
                        writer.WriteBoolean("intact", report.IsIntact);
                        VideoJson.WriteStringOrNull(writer, "problem", report.Problem);
                        writer.WriteNumber("seconds", Math.Round(report.Duration.TotalSeconds, 3));
                        writer.WriteEndObject();
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            else if (!report.WasChecked)
            {
                context.Out.WriteLine("The registered manifest has no integrity check of its own; nothing was checked.");
            }
            else if (report.IsIntact)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"manifest intact (PRAGMA integrity_check, {report.Duration.TotalSeconds:0.0} s)"));
            }
            else
            {
                context.Error.WriteLine(report.Problem);
            }

            return report.Problem is null ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }
}
