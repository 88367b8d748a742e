using System.CommandLine;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary><c>list</c>: videos newest first, paged and filtered.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var limit = new Option<int>("--limit", "-n")
        {
            Description = $"How many videos to show (1..{VideoQuery.MaxLimit})",
            DefaultValueFactory = _ => 50,
            CustomParser = result => IntArgument.Parse(result, "--limit", 1, VideoQuery.MaxLimit),
        };
        var all = new Option<bool>("--all") { Description = "Show every matching video (pages through the manifest)" };
        var category = new Option<string?>("--category") { Description = "Only this category (case-insensitive)" };
        var status = MirrorStateOption.Create("--status", "Only videos in this Drive state");
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only videos stored at or after this time (2026-11-01, 2026-11-01T14:30, 7d)",
            CustomParser = result => TimeArgument.Parse(result, TimeProvider.System),
        };
        var until = new Option<DateTimeOffset?>("--until")
        {
            Description = "Only videos stored before this time",
            CustomParser = result => TimeArgument.Parse(result, TimeProvider.System),
        };
        var json = CommonOptions.Json();

        var command = new Command("list", "List videos, newest first") { limit, all, category, status, since, until, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var query = new VideoQuery
            {
                Category = parse.GetValue(category),
                MirrorState = parse.GetValue(status),
                CreatedFrom = parse.GetValue(since),
                CreatedBefore = parse.GetValue(until),
                Limit = parse.GetValue(limit),
            };
            var (videos, total) = parse.GetValue(all)
                ? await VideoPaging.ReadAllAsync(session.Store, query, cancellationToken).ConfigureAwait(false)
                : await VideoPaging.ReadFirstAsync(session.Store, query, cancellationToken).ConfigureAwait(false);
            await VideoListOutput.WriteAsync(context, videos, total, parse.GetValue(json), "no videos match", cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
