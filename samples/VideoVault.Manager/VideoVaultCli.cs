using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using VideoVault.Manager.Cli;
using VideoVault.Manager.Commands;

namespace VideoVault.Manager;

/// <summary>
/// The <c>videovault</c> admin tool as a callable: parse, call the library, render. <c>Program</c> runs it over the
/// process's console; tests run it in-process over in-memory writers.
/// </summary>
public static class VideoVaultCli
{
    /// <summary>Runs one command line and returns the exit code (0 ok, 1 problems found or refused, 2 usage error).</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdout">Where tables, JSON and CSV go.</param>
    /// <param name="stderr">Where <c>error:</c>/<c>warning:</c> lines, prompts and progress go.</param>
    /// <param name="stdin">Where confirmations are read from.</param>
    /// <param name="cancellationToken">Cancels long work (verify, logs --follow).</param>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, stdin, Environment.GetEnvironmentVariable, cancellationToken);

    internal static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        TextReader stdin,
        Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(environment);

        try
        {
            return await ParseAndInvokeAsync(args, new CliContext(stdout, stderr, stdin, environment), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var (message, code) = Describe(exception, cancellationToken);
            await stderr.WriteLineAsync($"error: {OneLine.Of(message)}").ConfigureAwait(false);
            return code;
        }
    }

    private static async Task<int> ParseAndInvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var parse = CreateRootCommand(context).Parse(args);
        var strayOptions = StrayOptions.Find(parse);
        if ((parse.Errors.Count > 0 || strayOptions.Count > 0) && parse.Action is not HelpAction)
        {
            // "Required command was not provided" only repeats what a more specific error (a typo) already says.
            var messages = strayOptions.Concat(parse.Errors.Select(error => OneLine.Of(error.Message))).Distinct().ToList();
            if (messages.Count > 1)
            {
                messages.RemoveAll(message => message.StartsWith("Required command was not provided", StringComparison.Ordinal));
            }

            await context.Error.WriteLineAsync($"error: {string.Join("; ", messages)} (see 'videovault --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // Program.cs owns Ctrl+C; the library's own handler would also fire inside in-process tests.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    internal static Command CreateRootCommand(CliContext context)
    {
        var common = new CommonOptions();

        // A plain command named after the tool: RootCommand would name itself after the entry assembly in help.
        var root = new Command("videovault", "Administer a VideoVault store (safe while the host runs).")
        {
            new HelpOption(),
            new VersionOption(),
            common.Root,
            ListCommand.Create(context, common),
            StatsCommand.Create(context, common),
            FindCommand.Create(context, common),
            InfoCommand.Create(context, common),
            DeleteCommand.Create(context, common),
            CleanupCommand.Create(context, common),
            ManifestCommand.Create(context, common),
            LogsCommand.Create(context, common),
            RetryCommand.Create(context, common),
            VerifyCommand.Create(context, common),
            RestoreCommand.Create(context, common),
            ReconcileCommand.Create(context, common),
            UploadsCommand.Create(context, common),
            CheckCommand.Create(context, common),
        };
        return root;
    }

    // The top-level handler: every failure becomes one line; a stack trace is never what an admin needs.
    private static (string Message, int ExitCode) Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliException cli => (cli.Message, cli.ExitCode),
        OperationCanceledException when cancellationToken.IsCancellationRequested => ("cancelled", ExitCodes.Problems),
        OptionsValidationException options => ($"invalid configuration: {options.Message}", ExitCodes.Usage),
        SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 =>
            ($"the manifest is busy (the host holds a long write); try again: {sqlite.Message}", ExitCodes.Problems),
        SqliteException sqlite => ($"manifest: {sqlite.Message}", ExitCodes.Problems),
        UnauthorizedAccessException access => ($"permission denied: {access.Message}", ExitCodes.Problems),
        IOException io => (io.Message, ExitCodes.Problems),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0], cancellationToken),
        _ => ($"{exception.Message} ({exception.GetType().Name})", ExitCodes.Problems),
    };
}
