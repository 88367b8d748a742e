using Spectre.Console;

namespace VideoVault.Manager.Cli;

/// <summary>The streams and environment one run of the tool works with; tests give it in-memory writers.</summary>
internal sealed class CliContext
{
    private readonly Func<string, string?> environment;

    public CliContext(TextWriter stdout, TextWriter stderr, TextReader stdin, Func<string, string?> environment)
    {
        Out = stdout;
        Error = stderr;
        In = stdin;
        this.environment = environment;
        Console = ConsoleFactory.Create(stdout, environment);
        ErrorConsole = ConsoleFactory.Create(stderr, environment);
    }

    /// <summary>Standard output, raw (JSON, CSV).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: error and warning lines, prompts.</summary>
    public TextWriter Error { get; }

    public TextReader In { get; }

    /// <summary>Standard output for human-readable tables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Standard error as a console: progress bars go here, so redirected stdout stays clean.</summary>
    public IAnsiConsole ErrorConsole { get; }

    private bool IsInteractiveInput => ReferenceEquals(In, System.Console.In) && !System.Console.IsInputRedirected;

    public string? GetEnvironmentVariable(string name) => environment(name);

    public void Warn(string message)
    {
        if (ErrorConsole.Profile.Capabilities.Ansi && ErrorConsole.Profile.Capabilities.ColorSystem != ColorSystem.NoColors)
        {
            ErrorConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
        }
        else
        {
            Error.WriteLine($"warning: {message}");
        }
    }

    /// <summary>
    /// Asks a yes/no question on standard error. No answer (end of input, e.g. in a script) is a refusal that says
    /// how to run without the question.
    /// </summary>
    public bool Confirm(string question)
    {
        Error.Write($"{question} [y/N] ");
        Error.Flush();
        var answer = In.ReadLine();
        if (!IsInteractiveInput)
        {
            // A terminal echoes the user's Enter; piped input does not, so end the prompt line here.
            Error.WriteLine();
        }

        if (answer is null)
        {
            throw new CliException("no answer to the confirmation (standard input is closed); pass --yes to confirm");
        }

        answer = answer.Trim();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }
}
