using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>verify [NAME|ID | --all]</c>: re-hashes local copies against the manifest; exit 1 when any is corrupt or missing.
/// <c>verify --drive [NAME|ID]</c>: checks the copies on Drive instead (see <see cref="DriveVerification"/>).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var video = VideoArgument.CreateOptional();
        var all = new Option<bool>("--all") { Description = "Verify every video (with --drive: every mirrored copy, the default)" };
        var drive = new Option<bool>("--drive")
        {
            Description = "Check the copies on Google Drive instead of the local files (size, MD5, SHA-256): a copy gone or wrong is re-queued for upload, or reported LOST when no intact local copy is left. Reads the host's VideoVault__Drive__* variables",
        };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Re-hash local files against their recorded SHA-256 (or, with --drive, check the copies on Drive); exit 1 on any problem")
        {
            video, all, drive, json,
        };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(drive))
            {
                OneTarget.Validate(result, video, all, "--all");
            }
            else if (result.GetValue(video) is not null && result.GetValue(all))
            {
                result.AddError("give either NAME|ID or --all, not both");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(drive))
            {
                return await DriveVerification.RunAsync(context, common, parse, parse.GetValue(video), parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            }

            await using var session = common.Open(parse, context);
            var name = parse.GetValue(video);
            IReadOnlyList<VideoRecord> targets;
            if (name is not null)
            {
                targets = [await session.FindRequiredAsync(name, cancellationToken).ConfigureAwait(false)];
            }
            else
            {
                var list = new List<VideoRecord>();
                await foreach (var record in session.Manifest.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(record);
                }

                targets = list;
            }

            var totalBytes = targets.Where(v => v.LocalState != LocalCopyState.Removed).Sum(v => v.SizeBytes);
            var started = TimeProvider.System.GetTimestamp();
            var hashed = 0L;
            var results = await LiveProgress.RunAsync(
                context.ErrorConsole,
                "verifying",
                totalBytes,
                countsBytes: true,
                async sink =>
                {
                    var progress = new SinkProgress(sink, bytes => Interlocked.Add(ref hashed, bytes));
                    return name is not null
                        ? [await session.Maintenance.VerifyAsync(targets[0].Id, progress, cancellationToken).ConfigureAwait(false) ?? throw VaultSession.UnknownVideo(name)]
                        : await session.Maintenance.VerifyAllAsync(progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, writer => WriteJson(writer, results, hashed, elapsed), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Render(context, results, hashed, elapsed);
            }

            // A copy that automatic restore brought back is no longer a problem; the line above still says what was found.
            var corrupt = results.Count(r => r.IsProblem && r.Outcome == VerificationOutcome.Corrupt);
            var missing = results.Count(r => r.IsProblem && r.Outcome == VerificationOutcome.Missing);
            if (corrupt + missing == 0)
            {
                return ExitCodes.Ok;
            }

            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"verify found {corrupt} corrupt and {missing} missing file(s)"));
        });
        return command;
    }

    private static void Render(CliContext context, IReadOnlyList<VideoVerification> results, long hashed, TimeSpan elapsed)
    {
        var console = context.Console;
        var shown = results.Count == 1 ? results : results.Where(r => r.IsProblem || r.Restore is not null).ToList();
        if (shown.Count > 0)
        {
            var table = Tables.Create(console, "Result", "~Name", ">Size", "Drive", "~Detail");
            foreach (var result in shown)
            {
                table.AddTextRow(Label(result.Outcome), result.Video.StoredName, ByteSize.Format(result.Video.SizeBytes), Labels.Of(result.Video.Mirror.State), Detail(result));
            }

            console.Write(table);
        }

        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Outcome == VerificationOutcome.Intact)} intact, {results.Count(r => r.Outcome == VerificationOutcome.Corrupt)} corrupt, " +
            $"{results.Count(r => r.Outcome == VerificationOutcome.Missing)} missing, {results.Count(r => r.Outcome == VerificationOutcome.NotLocal)} not local; " +
            $"hashed {ByteSize.Format(hashed)} in {elapsed.TotalSeconds:0.0} s ({ByteSize.FormatRate(hashed, elapsed)})"));
    }

    private static string Label(VerificationOutcome outcome) => outcome switch
    {
        VerificationOutcome.Intact => "intact",
        VerificationOutcome.Corrupt => "CORRUPT",
        VerificationOutcome.Missing => "MISSING",
        _ => "not local",
    };

    /// <summary>What was found, what verify did about it, and what the admin can do next.</summary>
    private static string Detail(VideoVerification result)
    {
        var video = result.Video;
        var next = video.Mirror.State == MirrorState.Mirrored
            ? $"a verified copy is on Drive: restore with `videovault restore {video.StoredName}`"
            : video.Mirror.State is MirrorState.Pending or MirrorState.Uploading or MirrorState.Retrying
                ? "no verified copy on Drive (its upload cannot succeed from this file): put the file back from a backup"
                : "no verified copy on Drive: put the file back from a backup";
        if (result.Restore is { } restore)
        {
            // Automatic restore (VideoVault__Drive__RestoreAutomatically) acted on what verify found.
            next = restore.IsPresent
                ? $"restored automatically from Drive: {restore.Done}"
                : $"automatic restore from Drive failed ({restore.Outcome}): {restore.Done}";
        }

        return result.Outcome switch
        {
            VerificationOutcome.Intact => "sha256 matches; recorded as verified",
            VerificationOutcome.Corrupt => string.Create(
                CultureInfo.InvariantCulture,
                $"sha256 {result.ActualSha256?[..12]}… ({result.ActualSizeBytes} bytes) != recorded {video.Sha256[..12]}… ({video.SizeBytes} bytes); recorded as corrupt, file left as it is; {next}"),
            VerificationOutcome.Missing => $"file not found: {video.RelativePath}; flagged missing; {next}",
            _ => $"local copy removed by cleanup; nothing to hash here (check the Drive copy with `videovault verify --drive {video.StoredName}`)",
        };
    }

    private static void WriteJson(Utf8JsonWriter json, IReadOnlyList<VideoVerification> results, long hashed, TimeSpan elapsed)
    {
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Outcome.ToString()));
            json.WriteString("detail", Detail(result));
            VideoJson.WriteStringOrNull(json, "actual_sha256", result.ActualSha256);
            if (result.ActualSizeBytes is { } size)
            {
                json.WriteNumber("actual_size_bytes", size);
            }
            else
            {
                json.WriteNull("actual_size_bytes");
            }

            if (result.Restore is { } restore)
            {
                json.WriteStartObject("restore");
                json.WriteString("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(restore.Outcome.ToString()));
                json.WriteString("found", restore.Found);
                json.WriteString("done", restore.Done);
                VideoJson.WriteStringOrNull(json, "quarantined_path", restore.QuarantinedPath);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("restore");
            }

            json.WritePropertyName("video");
            VideoJson.Write(json, result.Video);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("intact", results.Count(r => r.Outcome == VerificationOutcome.Intact));
        json.WriteNumber("corrupt", results.Count(r => r.Outcome == VerificationOutcome.Corrupt));
        json.WriteNumber("missing", results.Count(r => r.Outcome == VerificationOutcome.Missing));
        json.WriteNumber("not_local", results.Count(r => r.Outcome == VerificationOutcome.NotLocal));
        json.WriteNumber("bytes_hashed", hashed);
        json.WriteNumber("elapsed_seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    /// <summary>Feeds the library's progress straight into the bar (synchronously: no posting to a context).</summary>
    private sealed class SinkProgress(IProgressSink sink, Action<long> count) : IProgress<VerificationProgress>
    {
        private string? current;

        public void Report(VerificationProgress value)
        {
            count(value.BytesHashed);
            if (!ReferenceEquals(current, value.Video.StoredName))
            {
                current = value.Video.StoredName;
                sink.Describe(current);
            }

            sink.Advance(value.BytesHashed);
        }
    }
}
