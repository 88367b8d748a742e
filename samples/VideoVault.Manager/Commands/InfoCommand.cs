using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary><c>info NAME|ID</c>: the whole record and its event history.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var video = VideoArgument.Create();
        var json = CommonOptions.Json();
        var command = new Command("info", "Show one video's record and its event history") { video, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var record = await session.FindRequiredAsync(parse.GetRequiredValue(video), cancellationToken).ConfigureAwait(false);
            var events = await session.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = record.Id }, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(
                    context.Out,
                    writer =>
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("video");
                        VideoJson.Write(writer, record);
                        VideoJson.WriteArray(writer, "events", events);
                        writer.WriteEndObject();
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Render(context.Console, record, events);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, VideoRecord video, IReadOnlyList<VideoEvent> events)
    {
        var table = Tables.KeyValue(console);
        table.AddTextRow("Id", video.Id);
        table.AddTextRow("Stored name", video.StoredName);
        table.AddTextRow("Original name", video.OriginalFileName);
        table.AddTextRow("Category", video.Category);
        table.AddTextRow("Type", $"{video.MimeType} ({Labels.Of(video.Container)})");
        table.AddTextRow("Size", $"{ByteSize.Format(video.SizeBytes)} ({video.SizeBytes.ToString(CultureInfo.InvariantCulture)} bytes)");
        table.AddTextRow("SHA-256", video.Sha256);
        table.AddTextRow("Stored at", LocalTime.Format(video.CreatedAt));
        table.AddTextRow("Local copy", $"{Labels.Of(video.LocalState)}: {video.RelativePath}");
        table.AddRow(new Text("Drive"), Tables.State(video.Mirror.State, console));
        table.AddTextRow("Drive attempts", video.Mirror.Attempts.ToString(CultureInfo.InvariantCulture));
        if (video.Mirror.LastError is not null)
        {
            table.AddTextRow("Drive last error", video.Mirror.LastError);
        }

        if (video.Mirror.NextAttemptAt is { } next)
        {
            table.AddTextRow("Drive next attempt", LocalTime.Format(next));
        }

        table.AddTextRow("Drive file id", video.Mirror.RemoteFileId);
        table.AddTextRow("Drive link", video.Mirror.RemoteLink);
        table.AddTextRow("Mirrored at", LocalTime.Format(video.Mirror.MirroredAt));
        console.Write(table);

        console.WriteLine();
        console.WriteLine($"History ({events.Count} event(s)):");
        var history = Tables.Create(console, ">Seq", "Time", "Event", "~Detail");
        foreach (var entry in events)
        {
            history.AddTextRow(entry.Sequence.ToString(CultureInfo.InvariantCulture), LocalTime.Format(entry.At), Labels.Of(entry.Kind), entry.Detail);
        }

        console.Write(history);
    }
}
