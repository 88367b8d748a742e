using System.CommandLine;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>delete NAME|ID</c>: removes the local file and the record together. A video not verified on Drive may be the
/// only copy, so it is refused unless <c>--force</c>.
/// </summary>
internal static class DeleteCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var video = VideoArgument.Create();
        var force = new Option<bool>("--force") { Description = "Delete even when the video is not verified on Drive (it may be the only copy)" };
        var yes = CommonOptions.Yes();
        var command = new Command("delete", "Delete a video: its local file and its record (asks first)") { video, force, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var record = await session.FindRequiredAsync(parse.GetRequiredValue(video), cancellationToken).ConfigureAwait(false);
            var verifiedOnDrive = record.Mirror.State == MirrorState.Mirrored;
            if (!verifiedOnDrive)
            {
                var why = record.Mirror.State == MirrorState.Disabled
                    ? "its Drive state is 'disabled' (no mirror was configured), so this may be the only copy"
                    : $"it is not verified on Drive (state: {Labels.Of(record.Mirror.State)}), so this may be the only copy";
                if (!parse.GetValue(force))
                {
                    throw new CliException($"refusing to delete '{record.StoredName}': {why}; pass --force to delete it anyway");
                }

                context.Warn($"deleting '{record.StoredName}' although {why}");
            }

            if (!parse.GetValue(yes) &&
                !context.Confirm($"Delete '{record.StoredName}' ({ByteSize.Format(record.SizeBytes)}, drive: {Labels.Of(record.Mirror.State)}): local file and record?"))
            {
                throw new CliException("not confirmed; nothing was deleted");
            }

            var result = await session.Store.DeleteAsync(record.Id, cancellationToken).ConfigureAwait(false);
            if (!result.Found)
            {
                throw VaultSession.UnknownVideo(record.StoredName);
            }

            context.Out.WriteLine($"deleted {record.StoredName} ({ByteSize.Format(record.SizeBytes)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
