using System.CommandLine;
using VideoVault.Manager.Cli;

namespace VideoVault.Manager.Commands;

/// <summary><c>find TEXT</c>: videos whose original or stored name contains the text (case-insensitive).</summary>
internal static class FindCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var text = new Argument<string>("TEXT") { Description = "Part of the original or stored name (case-insensitive)" };
        text.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || string.IsNullOrWhiteSpace(result.Tokens[0].Value))
            {
                result.AddError("TEXT must not be empty");
            }
        });
        var json = CommonOptions.Json();
        var command = new Command("find", "Find videos by original or stored name") { text, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var search = parse.GetRequiredValue(text);
            await using var session = common.Open(parse, context);
            var (videos, total) = await VideoPaging.ReadAllAsync(session.Store, new VideoQuery { Search = search }, cancellationToken).ConfigureAwait(false);
            await VideoListOutput.WriteAsync(context, videos, total, parse.GetValue(json), $"no video name contains '{search}'", cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
