using Spectre.Console;
using Spectre.Console.Rendering;

namespace VideoVault.Manager.Rendering;

/// <summary>The one-line-per-video table that <c>list</c>, <c>find</c> and <c>cleanup</c> share.</summary>
internal static class VideoTable
{
    public static Table Create(IAnsiConsole console, IEnumerable<VideoRecord> videos)
    {
        var table = Tables.Create(console, "Created", "Name", "Original", "Category", ">Size", "Drive", "Local", "Id");
        foreach (var video in videos)
        {
            table.AddRow(
                new Text(LocalTime.Format(video.CreatedAt)),
                new Text(video.StoredName),
                new Text(video.OriginalFileName),
                new Text(video.Category),
                new Text(ByteSize.Format(video.SizeBytes)),
                Tables.State(video.Mirror.State, console),
                new Text(Labels.Of(video.LocalState)),
                (IRenderable)new Text(video.Id));
        }

        return table;
    }
}
