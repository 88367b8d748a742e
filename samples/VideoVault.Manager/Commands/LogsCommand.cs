using System.CommandLine;
using System.Globalization;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary><c>logs</c>: the audit trail (uploads, refusals, mirror attempts, deletions), optionally followed.</summary>
internal static class LogsCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create(CliContext context, CommonOptions common)
    {
        // No "0 means all": "--tail 0" printing the whole trail is the opposite of what it says. Leaving --tail out
        // is how to ask for everything.
        var tail = new Option<int?>("--tail", "-n")
        {
            Description = "Show only the last N entries, N >= 1 (default: all entries)",
            HelpName = "N",
            CustomParser = result => IntArgument.Parse(result, "--tail", 1),
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries until Ctrl+C" };
        var video = new Option<string?>("--video") { Description = "Only entries about this video (stored name or id)", HelpName = "NAME|ID" };
        var json = CommonOptions.Json();
        var command = new Command("logs", "Show the audit trail") { tail, follow, video, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var videoId = await ResolveVideoIdAsync(session, parse.GetValue(video), cancellationToken).ConfigureAwait(false);
            var asJson = parse.GetValue(json);
            var following = parse.GetValue(follow);
            var names = new NameCache(session.Store);
            var first = await session.Manifest.GetEventsAsync(
                new VideoEventQuery { VideoId = videoId, Tail = parse.GetValue(tail) },
                cancellationToken).ConfigureAwait(false);

            if (asJson && !following)
            {
                await JsonOutput.WriteAsync(
                    context.Out,
                    writer =>
                    {
                        writer.WriteStartObject();
                        VideoJson.WriteArray(writer, "events", first);
                        writer.WriteEndObject();
                    },
                    cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var last = await PrintAsync(context, first, asJson, names, cancellationToken).ConfigureAwait(false) ?? 0;
            if (!following)
            {
                return ExitCodes.Ok;
            }

            try
            {
                while (true)
                {
                    await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                    var next = await session.Manifest.GetEventsAsync(
                        new VideoEventQuery { VideoId = videoId, AfterSequence = last },
                        cancellationToken).ConfigureAwait(false);
                    last = await PrintAsync(context, next, asJson, names, cancellationToken).ConfigureAwait(false) ?? last;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how --follow ends.
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static async Task<string?> ResolveVideoIdAsync(VaultSession session, string? video, CancellationToken cancellationToken)
    {
        if (video is null)
        {
            return null;
        }

        var record = await session.Store.FindAsync(video, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            return record.Id;
        }

        // A deleted video has no record but keeps its history: accept its id as given.
        if (video.Length == 32 && video.All(char.IsAsciiHexDigitLower))
        {
            return video;
        }

        throw VaultSession.UnknownVideo(video);
    }

    private static async Task<long?> PrintAsync(CliContext context, IReadOnlyList<VideoEvent> entries, bool json, NameCache names, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (json)
            {
                await JsonOutput.WriteAsync(context.Out, writer => VideoJson.Write(writer, entry), cancellationToken, indented: false).ConfigureAwait(false);
            }
            else
            {
                var subject = entry.VideoId is null ? "-" : await names.GetAsync(entry.VideoId, cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{entry.Sequence,7}  {LocalTime.Format(entry.At)}  {Labels.Of(entry.Kind),-18}  {subject}  {OneLine.Of(entry.Detail ?? string.Empty)}").TrimEnd()).ConfigureAwait(false);
            }
        }

        await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return entries.Count > 0 ? entries[^1].Sequence : null;
    }

    /// <summary>Shows stored names instead of ids; a deleted video keeps showing its id.</summary>
    private sealed class NameCache(IVideoStore store)
    {
        private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

        public async Task<string> GetAsync(string id, CancellationToken cancellationToken)
        {
            if (!names.TryGetValue(id, out var name))
            {
                name = (await store.FindAsync(id, cancellationToken).ConfigureAwait(false))?.StoredName ?? id;
                names[id] = name;
            }

            return name;
        }
    }
}
