using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary><c>stats</c>: totals, by Drive state and category, disk free, oldest/newest, mirror backlog.</summary>
internal static class StatsCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var json = CommonOptions.Json();
        var command = new Command("stats", "Totals by Drive state and category, free disk, mirror backlog") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var stats = await session.Store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, writer => WriteJson(writer, stats), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Render(context.Console, stats);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter json, StorageStatistics stats)
    {
        json.WriteStartObject();
        json.WriteNumber("total_videos", stats.TotalVideos);
        json.WriteNumber("total_size_bytes", stats.TotalSizeBytes);
        json.WriteNumber("total_size_mb", Math.Round(stats.TotalSizeBytes / (1024.0 * 1024.0), 2));
        json.WriteStartObject("by_drive_status");
        foreach (var (state, count) in stats.ByMirrorState.OrderBy(pair => pair.Key))
        {
            json.WriteNumber(Labels.Of(state), count);
        }

        json.WriteEndObject();
        json.WriteStartObject("by_category");
        foreach (var (category, count) in stats.ByCategory.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            json.WriteNumber(category, count);
        }

        json.WriteEndObject();
        json.WriteNumber("disk_free_bytes", stats.DiskFreeBytes);
        VideoJson.WriteStringOrNull(json, "oldest", stats.Oldest is { } oldest ? LocalTime.Iso(oldest) : null);
        VideoJson.WriteStringOrNull(json, "newest", stats.Newest is { } newest ? LocalTime.Iso(newest) : null);
        json.WriteNumber("mirror_backlog", stats.MirrorBacklog);
        json.WriteEndObject();
    }

    private static void Render(IAnsiConsole console, StorageStatistics stats)
    {
        var totals = Tables.KeyValue(console);
        totals.AddTextRow("Videos", stats.TotalVideos.ToString(CultureInfo.InvariantCulture));
        totals.AddTextRow("Total size", ByteSize.Format(stats.TotalSizeBytes));
        totals.AddTextRow("Disk free", ByteSize.Format(stats.DiskFreeBytes));
        totals.AddTextRow("Oldest", LocalTime.Format(stats.Oldest));
        totals.AddTextRow("Newest", LocalTime.Format(stats.Newest));
        totals.AddTextRow("Mirror backlog", stats.MirrorBacklog.ToString(CultureInfo.InvariantCulture));
        console.Write(totals);

        var byState = Tables.Create(console, "Drive", ">Videos");
        foreach (var (state, count) in stats.ByMirrorState.OrderBy(pair => pair.Key))
        {
            byState.AddRow(Tables.State(state, console), new Text(count.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(byState);

        if (stats.ByCategory.Count > 0)
        {
            var byCategory = Tables.Create(console, "Category", ">Videos");
            foreach (var (category, count) in stats.ByCategory.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
            {
                byCategory.AddTextRow(category, count.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(byCategory);
        }
    }
}
