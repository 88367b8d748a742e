using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary><c>manifest</c>: exports every record as JSON or CSV, to stdout or atomically to a file.</summary>
internal static class ManifestCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var format = new Option<string>("--format")
        {
            Description = "json (default) or csv",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file (atomically: temp file, flush to disk, rename) instead of stdout",
            HelpName = "FILE",
        };
        var command = new Command("manifest", "Export the whole manifest as JSON or CSV") { format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var csv = string.Equals(parse.GetValue(format), "csv", StringComparison.OrdinalIgnoreCase);
            var path = parse.GetValue(output);
            await using var session = common.Open(parse, context);
            if (path is null)
            {
                await ExportAsync(session.Manifest, context.Out, csv, LiveProgress.None, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var stats = await session.Manifest.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
            var count = await LiveProgress.RunAsync(
                context.ErrorConsole,
                $"exporting to {Path.GetFileName(path)}",
                stats.TotalVideos,
                countsBytes: false,
                async progress =>
                {
                    var written = 0L;
                    await AtomicFile.WriteAsync(
                        path,
                        async writer => written = await ExportAsync(session.Manifest, writer, csv, progress, cancellationToken).ConfigureAwait(false),
                        cancellationToken).ConfigureAwait(false);
                    return written;
                }).ConfigureAwait(false);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {count} record(s) to {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<long> ExportAsync(IVideoManifest manifest, TextWriter writer, bool csv, IProgressSink progress, CancellationToken cancellationToken)
    {
        var count = 0L;
        if (csv)
        {
            await CsvExport.WriteHeaderAsync(writer).ConfigureAwait(false);
            await foreach (var video in manifest.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await CsvExport.WriteRowAsync(writer, video).ConfigureAwait(false);
                count++;
                progress.Advance(1);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }

        using var json = new JsonOutput(writer);
        json.Writer.WriteStartObject();
        json.Writer.WriteString("exported_at", LocalTime.Iso(TimeProvider.System.GetUtcNow()));
        json.Writer.WriteStartArray("videos");
        await foreach (var video in manifest.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            VideoJson.Write(json.Writer, video);
            count++;
            progress.Advance(1);
            await json.DrainIfLargeAsync(cancellationToken).ConfigureAwait(false);
        }

        json.Writer.WriteEndArray();
        json.Writer.WriteNumber("count", count);
        json.Writer.WriteEndObject();
        await json.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}
