using Spectre.Console;

namespace VideoVault.Manager.Cli;

/// <summary>Builds a Spectre console over a writer: colours and live widgets only when the writer is a terminal.</summary>
internal static class ConsoleFactory
{
    // Piped output must not wrap table rows at a guessed terminal width: scripts grep and cut whole lines.
    private const int PipedWidth = 400;

    public static IAnsiConsole Create(TextWriter writer, Func<string, string?> environment)
    {
        var output = new AnsiConsoleOutput(writer);
        var terminal = output.IsTerminal;
        var noColor = !string.IsNullOrEmpty(environment("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = PipedWidth;
        }

        return console;
    }
}
