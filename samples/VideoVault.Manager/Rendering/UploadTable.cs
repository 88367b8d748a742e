using Spectre.Console;

namespace VideoVault.Manager.Rendering;

/// <summary>The one-line-per-upload table that <c>uploads</c> and <c>uploads expire</c> share.</summary>
internal static class UploadTable
{
    public static Table Create(IAnsiConsole console, IEnumerable<StagedUpload> uploads, DateTimeOffset now)
    {
        // The id is what an operator greps the host's log for; the name is the uploader's, possibly long.
        var table = Tables.Create(console, "Id", "~Name", ">Received", ">Age", "Expires", "State");
        foreach (var upload in uploads)
        {
            table.AddTextRow(
                upload.Id,
                upload.OriginalFileName,
                UploadLabels.Received(upload),
                Duration.Format(now - upload.CreatedAt),
                LocalTime.Format(upload.ExpiresAt),
                UploadLabels.Of(upload, now).Replace('_', ' '));
        }

        return table;
    }
}
