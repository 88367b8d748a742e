using System.Globalization;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>Renders a list of videos as a table (with a count line) or as <c>{"videos": [...], "total": N}</c>.</summary>
internal static class VideoListOutput
{
    public static async Task WriteAsync(
        CliContext context, IReadOnlyList<VideoRecord> videos, long total, bool json, string emptyMessage, CancellationToken cancellationToken)
    {
        if (json)
        {
            await JsonOutput.WriteAsync(
                context.Out,
                writer =>
                {
                    writer.WriteStartObject();
                    VideoJson.WriteArray(writer, "videos", videos);
                    writer.WriteNumber("count", videos.Count);
                    writer.WriteNumber("total", total);
                    writer.WriteEndObject();
                },
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (videos.Count == 0)
        {
            context.Out.WriteLine(emptyMessage);
            return;
        }

        context.Console.Write(VideoTable.Create(context.Console, videos));
        var shown = videos.Count == total
            ? string.Create(CultureInfo.InvariantCulture, $"{total} video(s), {ByteSize.Format(videos.Sum(v => v.SizeBytes))}")
            : string.Create(CultureInfo.InvariantCulture, $"{videos.Count} of {total} video(s) shown (--limit N or --all for more)");
        context.Out.WriteLine(shown);
    }
}
