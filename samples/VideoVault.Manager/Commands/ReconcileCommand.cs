using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Commands;

/// <summary>
/// <c>reconcile</c>: the full walk a host's start-up no longer does. Commits the files of publishes a crash interrupted
/// (under their own ids), adopts other files without records, flags records without files, sweeps stale temp files.
/// Uses the grace periods, so it is safe next to a running host. Exit 1 when it found anything to fix.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would change without changing anything" };
        var json = CommonOptions.Json();
        var command = new Command("reconcile", "Adopt files without records, flag records without files, sweep stale temp files; exit 1 when problems were found")
        {
            dryRun, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = common.Open(parse, context);
            var report = await session.Maintenance.ReconcileAsync(ReconcileOptions.Default with { DryRun = parse.GetValue(dryRun) }, cancellationToken)
                .ConfigureAwait(false);
            var now = session.Clock.GetUtcNow();
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(
                    context.Out,
                    writer =>
                    {
                        writer.WriteStartObject();
                        writer.WriteBoolean("dry_run", report.DryRun);
                        writer.WriteBoolean("clean", report.IsClean);
                        WriteStrings(writer, "recovered", report.RecoveredFiles);
                        WriteStrings(writer, "adopted", report.AdoptedFiles);
                        WriteStrings(writer, "missing", report.MissingFiles);
                        WriteStrings(writer, "restored", report.RestoredFiles);
                        WriteStrings(writer, "skipped", report.SkippedFiles);
                        WriteSkipped(writer, report);
                        WriteStrings(writer, "conflicting", report.ConflictingFiles);
                        writer.WriteNumber("temp_files_swept", report.TempFilesSwept);
                        writer.WriteEndObject();
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Render(context, report, now);
            }

            return report.IsClean ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }

    private static void WriteStrings(System.Text.Json.Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Why each skipped file was left alone, and for a young one when it becomes adoptable.</summary>
    private static void WriteSkipped(System.Text.Json.Utf8JsonWriter json, ReconcileReport report)
    {
        json.WriteStartArray("skipped_files");
        foreach (var file in report.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("path", file.RelativePath);
            json.WriteString("reason", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(file.Reason.ToString()));
            VideoJson.WriteStringOrNull(json, "adoptable_at", file.AdoptableAt is { } at ? LocalTime.Iso(at) : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("adoption_grace_period_seconds", report.AdoptionGracePeriod.TotalSeconds);
    }

    /// <summary>Why a file without a record was left alone, and what happens next, in words for the admin.</summary>
    private static string WhySkipped(ReconcileSkippedFile file, TimeSpan gracePeriod, DateTimeOffset now)
    {
        var grace = Duration.Format(gracePeriod);
        var when = file.AdoptableAt is { } at
            ? $"{LocalTime.Format(at)} (in {Duration.Format(at - now)})"
            : "the end of the grace period";
        var name = Path.GetFileName(file.RelativePath);
        return file.Reason switch
        {
            ReconcileSkipReason.TooYoung =>
                $"too young: changed within the {grace} grace period (a host may be storing it); adoptable from {when}: run reconcile again then",
            ReconcileSkipReason.PublishInProgress =>
                $"an upload is being published under this name (a host may be committing it, within the {grace} grace period); if it is still uncommitted at {when}, reconcile commits it as that upload's video",
            ReconcileSkipReason.NameTaken =>
                $"not adoptable: a video named {name} already exists (see `videovault info {name}`); rename this file and run reconcile again",
            _ => "not adoptable now: an interrupted upload names it but its record could not be committed; the next reconcile adopts it as a new video",
        };
    }

    private static void Render(CliContext context, ReconcileReport report, DateTimeOffset now)
    {
        var console = context.Console;
        var would = report.DryRun ? "would be " : string.Empty;
        var rows = report.RecoveredFiles.Select(path => ($"{would}recovered", path, "upload interrupted before its commit"))
            .Concat(report.AdoptedFiles.Select(path => ($"{would}adopted", path, "file had no record")))
            .Concat(report.MissingFiles.Select(path => ($"{would}flagged missing", path, "record's file is gone")))
            .Concat(report.RestoredFiles.Select(path => ($"{would}restored", path, "missing file is back")))
            .Concat(report.Skipped.Select(file => ("skipped", file.RelativePath, WhySkipped(file, report.AdoptionGracePeriod, now))))
            .Concat(report.ConflictingFiles.Select(path => ("conflict", path, "missing video's path holds other bytes; left missing")))
            .ToList();
        if (rows.Count > 0)
        {
            var table = Tables.Create(console, "Action", "~Path", "~Why");
            foreach (var (action, path, why) in rows)
            {
                table.AddTextRow(action, path, why);
            }

            console.Write(table);
        }

        var prefix = report.DryRun ? "dry run: " : string.Empty;
        var verdict = report.IsClean ? "; manifest and files agree" : string.Empty;
        var conflicts = report.ConflictingFiles.Count > 0 ? $", {report.ConflictingFiles.Count} conflicting" : string.Empty;
        var recovered = report.RecoveredFiles.Count > 0 ? $"{report.RecoveredFiles.Count} recovered, " : string.Empty;
        context.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}{recovered}{report.AdoptedFiles.Count} adopted, {report.MissingFiles.Count} missing, {report.RestoredFiles.Count} restored, {report.SkippedFiles.Count} skipped{conflicts}, {report.TempFilesSwept} stale temp file(s) {would}swept{verdict}"));
    }
}
