using System.CommandLine;
using System.Globalization;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>uploads</c>: the resumable (tus) uploads in flight, from the store's staged-upload list; <c>uploads expire</c>
/// removes those past their expiry time now instead of waiting for the host's periodic sweep.
/// </summary>
internal static class UploadsCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var all = new Option<bool>("--all") { Description = "Also show completed uploads whose record is still kept" };
        var json = CommonOptions.Json();
        var command = new Command("uploads", "List resumable uploads in flight (received of declared bytes, age, expiry)")
        {
            all, json, CreateExpire(context, common),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var now = session.Clock.GetUtcNow();
            var uploads = new List<StagedUpload>();
            await foreach (var upload in session.Uploads.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (parse.GetValue(all) || upload.State != StagedUploadState.Completed)
                {
                    uploads.Add(upload);
                }
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(
                    context.Out,
                    writer =>
                    {
                        writer.WriteStartObject();
                        UploadJson.WriteArray(writer, "uploads", uploads, now);
                        writer.WriteNumber("count", uploads.Count);
                        writer.WriteNumber("received_bytes", uploads.Where(u => u.State != StagedUploadState.Completed).Sum(u => u.Offset));
                        writer.WriteEndObject();
                    },
                    cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            RenderList(context, uploads, now);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateExpire(CliContext context, CommonOptions common)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be removed" };
        var json = CommonOptions.Json();
        var command = new Command("expire", "Remove uploads past their expiry time now, with their bytes (the host also does this periodically)")
        {
            dryRun, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dry = parse.GetValue(dryRun);
            await using var session = common.Open(parse, context);
            var now = session.Clock.GetUtcNow();
            var expired = await session.Uploads.ExpireAsync(dry, cancellationToken).ConfigureAwait(false);
            // A completed upload's record is forgotten without bytes to free: its video stays stored.
            var bytes = expired.Where(u => u.State != StagedUploadState.Completed).Sum(u => u.Offset);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(
                    context.Out,
                    writer =>
                    {
                        writer.WriteStartObject();
                        writer.WriteBoolean("dry_run", dry);
                        UploadJson.WriteArray(writer, dry ? "would_expire" : "expired", expired, now);
                        writer.WriteNumber(dry ? "would_free_bytes" : "freed_bytes", bytes);
                        writer.WriteEndObject();
                    },
                    cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            RenderExpired(context, expired, bytes, dry, now);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void RenderList(CliContext context, IReadOnlyList<StagedUpload> uploads, DateTimeOffset now)
    {
        if (uploads.Count == 0)
        {
            context.Out.WriteLine("no resumable uploads in flight");
            return;
        }

        context.Console.Write(UploadTable.Create(context.Console, uploads, now));
        var unfinished = uploads.Where(u => u.State != StagedUploadState.Completed).ToList();
        var expired = uploads.Count(u => UploadLabels.IsExpired(u, now));
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{unfinished.Count} upload(s) in flight, {ByteSize.Format(unfinished.Sum(u => u.Offset))} received"));
        if (expired > 0)
        {
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{expired} expired upload(s) are removed at the host's next sweep, or now with 'videovault uploads expire'"));
        }
    }

    private static void RenderExpired(CliContext context, IReadOnlyList<StagedUpload> expired, long bytes, bool dry, DateTimeOffset now)
    {
        if (expired.Count == 0)
        {
            context.Out.WriteLine("nothing to expire: no upload is past its expiry time");
            return;
        }

        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(dry ? "would expire" : "expired")} {expired.Count} upload(s):"));
        context.Console.Write(UploadTable.Create(context.Console, expired, now));
        context.Out.WriteLine(dry
            ? $"would free {ByteSize.Format(bytes)} (dry run: run 'videovault uploads expire' to remove them)"
            : $"freed {ByteSize.Format(bytes)}; each removal is in the audit trail (upload_expired)");
    }
}
