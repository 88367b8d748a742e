using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>cleanup DAYS</c>: frees disk by removing local copies older than DAYS that are verified on Drive. A dry run
/// unless <c>--execute</c>; records are kept (<c>local: removed</c>, still on Drive). Copies not verified on Drive
/// are kept unless <c>--include-unmirrored</c>, which warns loudly.
/// </summary>
internal static class CleanupCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var days = new Argument<int>("DAYS")
        {
            Description = "Only local copies stored more than DAYS days ago",
            CustomParser = result => IntArgument.Parse(result, "DAYS", 0, 36500),
        };
        var execute = new Option<bool>("--execute") { Description = "Remove the files (without it: a dry run that only lists them)" };
        var includeUnmirrored = new Option<bool>("--include-unmirrored")
        {
            Description = "DANGEROUS: also remove copies NOT verified on Drive (possibly the only copy)",
        };
        var yes = CommonOptions.Yes();
        var json = CommonOptions.Json();
        var command = new Command("cleanup", "Remove old local copies that are verified on Drive (dry run unless --execute)")
        {
            days, execute, includeUnmirrored, yes, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var age = TimeSpan.FromDays(parse.GetValue(days));
            var overrideMirror = parse.GetValue(includeUnmirrored);
            var asJson = parse.GetValue(json);
            await using var session = common.Open(parse, context);
            var plan = await session.Maintenance.PlanCleanupAsync(age, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<VideoRecord> targets = overrideMirror ? [.. plan.Eligible, .. plan.Unmirrored] : plan.Eligible;
            if (overrideMirror && plan.Unmirrored.Count > 0)
            {
                context.Warn(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--include-unmirrored: {plan.Unmirrored.Count} local cop(ies) NOT verified on Drive ({ByteSize.Format(plan.UnmirroredBytes)}) {(parse.GetValue(execute) ? "will" : "would")} be removed; they may be the only copies"));
            }

            if (!parse.GetValue(execute))
            {
                if (asJson)
                {
                    await JsonOutput.WriteAsync(context.Out, writer => WritePlanJson(writer, plan, targets, overrideMirror), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    RenderPlan(context, plan, targets, overrideMirror);
                }

                return ExitCodes.Ok;
            }

            if (targets.Count == 0)
            {
                if (asJson)
                {
                    await JsonOutput.WriteAsync(context.Out, writer => WriteResultJson(writer, plan, [], [], 0), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    RenderPlan(context, plan, targets, overrideMirror);
                }

                return ExitCodes.Ok;
            }

            var bytes = targets.Sum(v => v.SizeBytes);
            if (!asJson)
            {
                context.Console.Write(VideoTable.Create(context.Console, targets));
            }

            if (!parse.GetValue(yes) && !context.Confirm(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Remove {targets.Count} local cop(ies) ({ByteSize.Format(bytes)})? Records are kept (local: removed).")))
            {
                throw new CliException("not confirmed; nothing was removed");
            }

            var unmirroredIds = plan.Unmirrored.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
            var removed = new List<VideoRecord>();
            var skipped = new List<RemoveLocalCopyResult>();
            var freed = 0L;
            await LiveProgress.RunAsync(
                context.ErrorConsole,
                "removing local copies",
                targets.Count,
                countsBytes: false,
                async sink =>
                {
                    foreach (var video in targets)
                    {
                        sink.Describe(video.StoredName);
                        var result = await session.Maintenance.RemoveLocalCopyAsync(video.Id, overrideMirror && unmirroredIds.Contains(video.Id), cancellationToken)
                            .ConfigureAwait(false);
                        if (result.Outcome == RemoveLocalCopyOutcome.Removed)
                        {
                            removed.Add(result.Video!);
                            freed += result.FreedBytes;
                        }
                        else
                        {
                            skipped.Add(result with { Video = result.Video ?? video });
                        }

                        sink.Advance(1);
                    }

                    return removed.Count;
                }).ConfigureAwait(false);

            if (asJson)
            {
                await JsonOutput.WriteAsync(context.Out, writer => WriteResultJson(writer, plan, removed, skipped, freed), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                foreach (var skip in skipped)
                {
                    context.Out.WriteLine($"skipped {skip.Video!.StoredName}: {Reason(skip.Outcome)}");
                }

                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"removed {removed.Count} local cop(ies), freed {ByteSize.Format(freed)}; records kept with local: removed (still on Drive)"));
                if (!overrideMirror && plan.Unmirrored.Count > 0)
                {
                    context.Out.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"kept {plan.Unmirrored.Count} older cop(ies) not verified on Drive ({ByteSize.Format(plan.UnmirroredBytes)})"));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Reason(RemoveLocalCopyOutcome outcome) => outcome switch
    {
        RemoveLocalCopyOutcome.NotMirrored => "no longer verified on Drive",
        RemoveLocalCopyOutcome.NotPresent => "no local copy any more",
        RemoveLocalCopyOutcome.NotFound => "deleted meanwhile",
        _ => outcome.ToString(),
    };

    private static void RenderPlan(CliContext context, CleanupPlan plan, IReadOnlyList<VideoRecord> targets, bool overrideMirror)
    {
        var console = context.Console;
        var cutoff = LocalTime.Format(plan.Cutoff);
        if (targets.Count == 0)
        {
            context.Out.WriteLine($"nothing to clean up: no local copy stored before {cutoff} is verified on Drive");
        }
        else
        {
            context.Out.WriteLine($"would remove {targets.Count} local cop(ies) stored before {cutoff}:");
            console.Write(VideoTable.Create(console, targets));
            context.Out.WriteLine($"would free {ByteSize.Format(targets.Sum(v => v.SizeBytes))}; records are kept with local: removed (dry run: pass --execute to remove)");
        }

        if (!overrideMirror && plan.Unmirrored.Count > 0)
        {
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"kept: {plan.Unmirrored.Count} older cop(ies) not verified on Drive ({ByteSize.Format(plan.UnmirroredBytes)}):"));
            console.Write(VideoTable.Create(console, plan.Unmirrored));
        }
    }

    private static void WritePlanJson(Utf8JsonWriter json, CleanupPlan plan, IReadOnlyList<VideoRecord> targets, bool overrideMirror)
    {
        json.WriteStartObject();
        json.WriteBoolean("dry_run", true);
        json.WriteString("cutoff", LocalTime.Iso(plan.Cutoff));
        VideoJson.WriteArray(json, "would_remove", targets);
        json.WriteNumber("would_free_bytes", targets.Sum(v => v.SizeBytes));
        VideoJson.WriteArray(json, "kept_unmirrored", overrideMirror ? [] : plan.Unmirrored);
        json.WriteEndObject();
    }

    private static void WriteResultJson(Utf8JsonWriter json, CleanupPlan plan, IReadOnlyList<VideoRecord> removed, IReadOnlyList<RemoveLocalCopyResult> skipped, long freed)
    {
        json.WriteStartObject();
        json.WriteBoolean("dry_run", false);
        json.WriteString("cutoff", LocalTime.Iso(plan.Cutoff));
        VideoJson.WriteArray(json, "removed", removed);
        json.WriteNumber("freed_bytes", freed);
        json.WriteStartArray("skipped");
        foreach (var skip in skipped)
        {
            json.WriteStartObject();
            json.WriteString("filename", skip.Video?.StoredName);
            json.WriteString("reason", JsonNamingPolicy.SnakeCaseLower.ConvertName(skip.Outcome.ToString()));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
