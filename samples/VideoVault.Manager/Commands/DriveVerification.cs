using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>verify --drive [NAME|ID]</c>: checks the mirrored copies on Drive against the manifest through the library
/// (<see cref="IVideoMaintenance.VerifyMirrorCopiesAsync"/>). Each line says what was found and what was done: intact
/// and recorded; gone or wrong and re-queued (the host's mirror worker uploads the local copy again); or LOST, when no
/// intact local copy is left. Exit 1 when any copy was gone, wrong or could not be checked.
/// </summary>
internal static partial class DriveVerification
{
    /// <summary>The variables a host reads for the mirror, which the tool needs to reach the same Drive folder.</summary>
    private static readonly string[] RequiredVariables =
        ["VideoVault__Drive__Enabled=true", "VideoVault__Drive__CredentialsPath", "VideoVault__Drive__FolderId"];

    public static async Task<int> RunAsync(CliContext context, CommonOptions common, ParseResult parse, string? name, bool json, CancellationToken cancellationToken)
    {
        if (!DriveSettings.FromEnvironment(context.GetEnvironmentVariable).GetValue<bool>(nameof(GoogleDriveMirrorOptions.Enabled)))
        {
            throw CliException.Usage(
                $"Google Drive is not configured, so there is no Drive copy to check: set the host's variables {string.Join(", ", RequiredVariables)} (export them as the host has them) and run again");
        }

        await using var session = common.Open(parse, context);
        var started = TimeProvider.System.GetTimestamp();
        IReadOnlyList<MirrorCopyVerification> results;
        if (name is not null)
        {
            var video = await session.FindRequiredAsync(name, cancellationToken).ConfigureAwait(false);
            var result = await session.Maintenance.VerifyMirrorCopyAsync(video.Id, cancellationToken).ConfigureAwait(false)
                ?? throw VaultSession.UnknownVideo(name);
            if (result.Outcome == MirrorCopyOutcome.NotMirrored)
            {
                throw new CliException($"'{video.StoredName}' has no verified copy on Drive to check (drive: {Labels.Of(video.Mirror.State)})");
            }

            results = [result];
        }
        else
        {
            var statistics = await session.Store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
            results = await LiveProgress.RunAsync(
                context.ErrorConsole,
                "checking Drive copies",
                statistics.ByMirrorState.GetValueOrDefault(MirrorState.Mirrored),
                countsBytes: false,
                sink => session.Maintenance.VerifyMirrorCopiesAsync(new SinkProgress(sink), cancellationToken)).ConfigureAwait(false);
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        if (json)
        {
            await JsonOutput.WriteAsync(context.Out, writer => WriteJson(writer, results, elapsed), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Render(context, results, elapsed);
        }

        var missing = Count(results, MirrorCopyOutcome.Missing);
        var corrupt = Count(results, MirrorCopyOutcome.Corrupt);
        var failed = Count(results, MirrorCopyOutcome.CheckFailed);
        if (missing + corrupt + failed == 0)
        {
            return ExitCodes.Ok;
        }

        var lost = results.Count(r => r.Action == MirrorCopyAction.Lost);
        var requeued = results.Count(r => r.Action == MirrorCopyAction.Requeued);
        var notChecked = failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", and could not check {failed}") : string.Empty;
        throw new CliException(string.Create(
            CultureInfo.InvariantCulture,
            $"verify --drive found {missing} missing and {corrupt} corrupt Drive cop(ies): {requeued} re-queued for upload, {lost} LOST{notChecked}"));
    }

    /// <summary>Hex digests (MD5, SHA-256) in a detail: a table row shows their first 12 digits, as local verify does; JSON keeps them whole.</summary>
    [GeneratedRegex("[0-9a-fA-F]{32,}")]
    private static partial Regex ShortHashes();

    private static int Count(IReadOnlyList<MirrorCopyVerification> results, MirrorCopyOutcome outcome) => results.Count(r => r.Outcome == outcome);

    private static void Render(CliContext context, IReadOnlyList<MirrorCopyVerification> results, TimeSpan elapsed)
    {
        var console = context.Console;
        var shown = results.Count == 1 ? results : results.Where(r => r.Outcome != MirrorCopyOutcome.Intact).ToList();
        if (shown.Count > 0)
        {
            var table = Tables.Create(console, "Result", "Action", "~Name", ">Size", "Local", "~Detail");
            foreach (var result in shown)
            {
                table.AddTextRow(
                    Label(result.Outcome),
                    ActionLabel(result),
                    result.Video.StoredName,
                    ByteSize.Format(result.Video.SizeBytes),
                    LocalLabel(result),
                    ShortHashes().Replace(Detail(result), hash => hash.Value[..12] + "…"));
            }

            console.Write(table);
        }

        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count} Drive cop(ies) checked: {Count(results, MirrorCopyOutcome.Intact)} intact, {Count(results, MirrorCopyOutcome.Unverified)} unverified, " +
            $"{Count(results, MirrorCopyOutcome.Missing)} missing, {Count(results, MirrorCopyOutcome.Corrupt)} corrupt, {Count(results, MirrorCopyOutcome.CheckFailed)} not checked; " +
            $"{results.Count(r => r.Action == MirrorCopyAction.Requeued)} re-queued, {results.Count(r => r.Action == MirrorCopyAction.Lost)} LOST; in {elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>The local copy as the check left it (a re-hash may have just found it missing or corrupt).</summary>
    private static string LocalLabel(MirrorCopyVerification result) => result.LocalOutcome switch
    {
        VerificationOutcome.Missing => "missing",
        VerificationOutcome.Corrupt => "corrupt",
        VerificationOutcome.NotLocal => "removed",
        _ => Labels.Of(result.Video.LocalState),
    };

    private static string Label(MirrorCopyOutcome outcome) => outcome switch
    {
        MirrorCopyOutcome.Intact => "intact",
        MirrorCopyOutcome.Unverified => "unverified",
        MirrorCopyOutcome.Missing => "MISSING",
        MirrorCopyOutcome.Corrupt => "CORRUPT",
        MirrorCopyOutcome.CheckFailed => "NOT CHECKED",
        _ => "not mirrored",
    };

    private static string ActionLabel(MirrorCopyVerification result) => result.Action switch
    {
        MirrorCopyAction.Requeued => "re-queued",
        MirrorCopyAction.Lost => "LOST",
        _ when result.Outcome is MirrorCopyOutcome.Intact or MirrorCopyOutcome.Unverified => "recorded",
        _ => "none",
    };

    /// <summary>What was found, then what was done about it and what the admin can do next.</summary>
    internal static string Detail(MirrorCopyVerification result)
    {
        var video = result.Video;
        return result.Action switch
        {
            MirrorCopyAction.Requeued => result.Outcome == MirrorCopyOutcome.Corrupt
                ? $"{result.Detail}; re-queued: the host's mirror worker replaces it with the intact local copy"
                : $"{result.Detail}; re-queued: the host's mirror worker uploads the intact local copy again",
            MirrorCopyAction.Lost => $"{result.Detail}; LOST, {NoLocalCopy(result)}: restore impossible; restore it from a backup outside VideoVault if one exists"
                + (result.Outcome == MirrorCopyOutcome.Corrupt ? " (the wrong copy on Drive was left as it is)" : string.Empty),
            _ => result.Outcome switch
            {
                MirrorCopyOutcome.Intact => $"{result.Detail}; recorded as verified",
                MirrorCopyOutcome.Unverified => $"{result.Detail}; recorded as checked (not a mismatch)",
                MirrorCopyOutcome.CheckFailed => $"{result.Detail}; nothing changed, check again later (`videovault verify --drive {video.StoredName}`)",
                _ => result.Detail,
            },
        };
    }

    private static string NoLocalCopy(MirrorCopyVerification result) => result.LocalOutcome switch
    {
        VerificationOutcome.Missing => $"no local copy (the file {result.Video.RelativePath} is missing)",
        VerificationOutcome.Corrupt => $"no intact local copy (the file {result.Video.RelativePath} is corrupt)",
        _ => "no local copy (removed by cleanup)",
    };

    private static void WriteJson(Utf8JsonWriter json, IReadOnlyList<MirrorCopyVerification> results, TimeSpan elapsed)
    {
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Outcome.ToString()));
            json.WriteString("action", JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Action.ToString()));
            json.WriteString("detail", Detail(result));
            VideoJson.WriteStringOrNull(json, "drive_file_id", result.Video.Mirror.RemoteFileId);
            json.WriteBoolean("sha256_compared", result.Sha256Compared);
            json.WriteBoolean("md5_compared", result.Md5Compared);
            VideoJson.WriteStringOrNull(json, "local_outcome", result.LocalOutcome is { } local ? JsonNamingPolicy.SnakeCaseLower.ConvertName(local.ToString()) : null);
            json.WritePropertyName("video");
            VideoJson.Write(json, result.Video);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("checked", results.Count);
        json.WriteNumber("intact", Count(results, MirrorCopyOutcome.Intact));
        json.WriteNumber("unverified", Count(results, MirrorCopyOutcome.Unverified));
        json.WriteNumber("missing", Count(results, MirrorCopyOutcome.Missing));
        json.WriteNumber("corrupt", Count(results, MirrorCopyOutcome.Corrupt));
        json.WriteNumber("check_failed", Count(results, MirrorCopyOutcome.CheckFailed));
        json.WriteNumber("requeued", results.Count(r => r.Action == MirrorCopyAction.Requeued));
        json.WriteNumber("lost", results.Count(r => r.Action == MirrorCopyAction.Lost));
        json.WriteNumber("elapsed_seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }

    /// <summary>Advances the bar by one copy per result (synchronously: no posting to a context).</summary>
    private sealed class SinkProgress(IProgressSink sink) : IProgress<MirrorCopyProgress>
    {
        public void Report(MirrorCopyProgress value)
        {
            sink.Describe(value.Result.Video.StoredName);
            sink.Advance(1);
        }
    }
}
