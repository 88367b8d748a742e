using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>retry [NAME|ID | --all-failed]</c>: re-queues failed mirrors; the running host's mirror worker picks them up.
/// </summary>
internal static class RetryCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var video = VideoArgument.CreateOptional();
        var allFailed = new Option<bool>("--all-failed") { Description = "Re-queue every video whose mirror failed" };
        var command = new Command("retry", "Re-queue failed Drive mirrors (the host's mirror worker picks them up)") { video, allFailed };
        command.Validators.Add(result => OneTarget.Validate(result, video, allFailed, "--all-failed"));
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var name = parse.GetValue(video);
            if (name is null)
            {
                var requeued = await session.Maintenance.RequeueFailedMirrorsAsync(cancellationToken).ConfigureAwait(false);
                foreach (var record in requeued)
                {
                    context.Out.WriteLine($"requeued {record.StoredName} (was failed: {OneLine.Of(record.Mirror.LastError ?? "no reason recorded")})");
                }

                context.Out.WriteLine(requeued.Count == 0
                    ? "no failed mirrors to retry"
                    : string.Create(CultureInfo.InvariantCulture, $"requeued {requeued.Count} video(s); the host's mirror worker uploads them"));
                return ExitCodes.Ok;
            }

            var result = await session.Maintenance.RequeueMirrorAsync(name, cancellationToken).ConfigureAwait(false);
            return result.Outcome switch
            {
                RequeueMirrorOutcome.NotFound => throw VaultSession.UnknownVideo(name),
                RequeueMirrorOutcome.NotFailed => throw new CliException(
                    $"'{result.Video!.StoredName}' has not failed (drive: {Labels.Of(result.Video.Mirror.State)}); only failed or retrying mirrors can be retried"),
                _ => Requeued(context, result.Video!),
            };
        });
        return command;
    }

    private static int Requeued(CliContext context, VideoRecord video)
    {
        context.Out.WriteLine($"requeued {video.StoredName} (was {Labels.Of(video.Mirror.State)}); the host's mirror worker uploads it");
        return ExitCodes.Ok;
    }
}
