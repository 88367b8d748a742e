using Spectre.Console;
using Spectre.Console.Rendering;

namespace VideoVault.Manager.Rendering;

/// <summary>The one-line-per-video table that <c>list</c>, <c>find</c> and <c>cleanup</c> share.</summary>
internal static class VideoTable
{
    public static Table Create(IAnsiConsole console, IEnumerable<VideoRecord> videos)
    {
        // Name is unique and accepted by every command; info shows the id and the original name.
        var table = Tables.Create(console, "Created", "~Name", "~Category", ">Size", "Drive", "Local");
        foreach (var video in videos)
        {
            table.AddRow(
                new Text(LocalTime.Format(video.CreatedAt)),
                new Text(video.StoredName),
                new Text(video.Category),
                new Text(ByteSize.Format(video.SizeBytes)),
                Tables.State(video.Mirror.State, console),
                (IRenderable)new Text(Labels.Of(video.LocalState)));
        }

        return table;
    }
}
