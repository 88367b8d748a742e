using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>restore [NAME|ID | --all-missing [--include-removed]]</c>: brings local copies back from their verified Drive
/// copies through the library's restore (checked against the recorded SHA-256, published durably); exit 1 when any
/// video could not be restored.
/// </summary>
internal static class RestoreCommand
{
    private const string DriveVariables =
        "VideoVault__Drive__Enabled=true, VideoVault__Drive__CredentialsPath and VideoVault__Drive__FolderId (the host's Drive settings)";

    public static Command Create(CliContext context, CommonOptions common)
    {
        var video = VideoArgument.CreateOptional();
        var allMissing = new Option<bool>("--all-missing")
        {
            Description = "Restore every video whose local copy is flagged missing or whose file is gone",
        };
        var includeRemoved = new Option<bool>("--include-removed")
        {
            Description = "With --all-missing: also restore the local copies cleanup removed on purpose",
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "restore",
            "Download verified Drive copies back into the store (checked against the recorded SHA-256); exit 1 when a video could not be restored")
        {
            video, allMissing, includeRemoved, json,
        };
        command.Validators.Add(result =>
        {
            OneTarget.Validate(result, video, allMissing, "--all-missing");
            if (result.GetValue(includeRemoved) && !result.GetValue(allMissing))
            {
                result.AddError("--include-removed goes with --all-missing");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = common.ResolveRoot(parse, context);
            await using var session = common.Open(parse, context);
            var name = parse.GetValue(video);
            var removedToo = parse.GetValue(includeRemoved);
            long totalBytes;
            if (name is not null)
            {
                totalBytes = (await session.FindRequiredAsync(name, cancellationToken).ConfigureAwait(false)).SizeBytes;
            }
            else
            {
                totalBytes = 0;
                await foreach (var record in session.Manifest.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    totalBytes += IsLost(record, root, removedToo) ? record.SizeBytes : 0;
                }
            }

            var started = TimeProvider.System.GetTimestamp();
            var results = await LiveProgress.RunAsync(
                context.ErrorConsole,
                "restoring",
                totalBytes,
                countsBytes: true,
                async sink =>
                {
                    var progress = new SinkProgress(sink);
                    return name is not null
                        ? [await session.Maintenance.RestoreAsync(name, progress, cancellationToken).ConfigureAwait(false)]
                        : await session.Maintenance.RestoreAllMissingAsync(removedToo, progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);

            if (results.Any(r => r.Outcome == RestoreOutcome.MirrorNotConfigured))
            {
                throw CliException.Usage($"the Drive mirror is not configured, so there is nothing to restore from; set {DriveVariables} and run again");
            }

            if (name is not null && results[0].Outcome == RestoreOutcome.Unknown && results[0].Video is null)
            {
                throw VaultSession.UnknownVideo(name);
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, writer => WriteJson(writer, results, elapsed), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Render(context, results, elapsed, name is null);
            }

            var failed = results.Count(r => !r.IsPresent);
            if (failed == 0)
            {
                return ExitCodes.Ok;
            }

            throw new CliException(results.Count == 1
                ? $"{results[0].Target} was not restored ({Label(results[0].Outcome)}): {results[0].Done}"
                : string.Create(CultureInfo.InvariantCulture, $"{failed} of {results.Count} video(s) were not restored; each line above says why"));
        });
        return command;
    }

    /// <summary>The same choice the library makes for --all-missing, for the progress bar's total only.</summary>
    private static bool IsLost(VideoRecord video, string root, bool includeRemoved) => video.LocalState switch
    {
        LocalCopyState.Missing => true,
        LocalCopyState.Removed => includeRemoved,
        _ => !File.Exists(Path.Combine(root, video.RelativePath.Replace('/', Path.DirectorySeparatorChar))),
    };

    private static void Render(CliContext context, IReadOnlyList<VideoRestoreResult> results, TimeSpan elapsed, bool all)
    {
        if (all && results.Count == 0)
        {
            context.Out.WriteLine("nothing to restore: no local copy is missing");
            return;
        }

        foreach (var result in results)
        {
            // One line per video, what was found then what was done, so it reads alone in a log or a grep.
            var name = result.Video?.StoredName ?? result.Target;
            context.Out.WriteLine($"{Label(result.Outcome)}: {name}: found {OneLine.Of(result.Found)}; done: {OneLine.Of(result.Done)}");
        }

        var downloaded = results.Sum(r => r.BytesDownloaded);
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Outcome == RestoreOutcome.Restored)} restored, {results.Count(r => r.Outcome == RestoreOutcome.AlreadyPresent)} already present, " +
            $"{results.Count(r => !r.IsPresent)} not restored; downloaded {ByteSize.Format(downloaded)} in {elapsed.TotalSeconds:0.0} s ({ByteSize.FormatRate(downloaded, elapsed)})"));
    }

    private static string Label(RestoreOutcome outcome) => outcome switch
    {
        RestoreOutcome.Restored => "restored",
        RestoreOutcome.AlreadyPresent => "already present",
        RestoreOutcome.NotMirrored => "NOT MIRRORED",
        RestoreOutcome.NotOnMirror => "NOT ON DRIVE",
        RestoreOutcome.MirrorCopyCorrupt => "DRIVE COPY CORRUPT",
        RestoreOutcome.MirrorFailed => "DRIVE FAILED",
        RestoreOutcome.MirrorNotConfigured => "NO DRIVE",
        RestoreOutcome.InsufficientStorage => "NO SPACE",
        RestoreOutcome.Conflict => "CONFLICT",
        _ => "UNKNOWN",
    };

    private static void WriteJson(Utf8JsonWriter json, IReadOnlyList<VideoRestoreResult> results, TimeSpan elapsed)
    {
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Outcome.ToString()));
            json.WriteString("target", result.Target);
            json.WriteString("found", result.Found);
            json.WriteString("done", result.Done);
            VideoJson.WriteStringOrNull(json, "quarantined_path", result.QuarantinedPath);
            json.WriteNumber("bytes_downloaded", result.BytesDownloaded);
            json.WriteNumber("download_requests", result.DownloadRequests);
            if (result.Video is { } video)
            {
                json.WritePropertyName("video");
                VideoJson.Write(json, video);
            }
            else
            {
                json.WriteNull("video");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("restored", results.Count(r => r.Outcome == RestoreOutcome.Restored));
        json.WriteNumber("already_present", results.Count(r => r.Outcome == RestoreOutcome.AlreadyPresent));
        json.WriteNumber("not_restored", results.Count(r => !r.IsPresent));
        json.WriteNumber("bytes_downloaded", results.Sum(r => r.BytesDownloaded));
        json.WriteNumber("elapsed_seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    /// <summary>Feeds the library's progress straight into the bar (synchronously: no posting to a context).</summary>
    private sealed class SinkProgress(IProgressSink sink) : IProgress<RestoreProgress>
    {
        private string? current;

        public void Report(RestoreProgress value)
        {
            if (!ReferenceEquals(current, value.Video.StoredName))
            {
                current = value.Video.StoredName;
                sink.Describe(current);
            }

            sink.Advance(value.BytesDownloaded);
        }
    }
}
