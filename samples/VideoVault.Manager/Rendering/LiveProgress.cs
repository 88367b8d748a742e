using Spectre.Console;

namespace VideoVault.Manager.Rendering;

/// <summary>Reports how far long work has got; a no-op when no terminal is watching.</summary>
internal interface IProgressSink
{
    void Advance(double amount);

    void Describe(string description);
}

/// <summary>
/// Runs long work under a progress bar on standard error when it is an interactive terminal (so redirected stdout
/// stays clean), and silently otherwise.
/// </summary>
internal static class LiveProgress
{
    /// <summary>A sink that reports nowhere, for work that runs without a bar.</summary>
    public static IProgressSink None { get; } = new NoProgress();

    public static async Task<T> RunAsync<T>(
        IAnsiConsole console, string description, double total, bool countsBytes, Func<IProgressSink, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await work(None).ConfigureAwait(false);
        }

        ProgressColumn[] columns = countsBytes
            ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()];
        return await console.Progress()
            .AutoClear(true)
            .Columns(columns)
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                var result = await work(new TaskSink(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    private sealed class TaskSink(ProgressTask task) : IProgressSink
    {
        private const int MaxDescription = 28;

        public void Advance(double amount) => task.Increment(amount);

        public void Describe(string description) => task.Description = Markup.Escape(Shorten(description));

        private static string Shorten(string text) => text.Length <= MaxDescription ? text : "…" + text[^(MaxDescription - 1)..];
    }

    private sealed class NoProgress : IProgressSink
    {
        public void Advance(double amount)
        {
        }

        public void Describe(string description)
        {
        }
    }
}
