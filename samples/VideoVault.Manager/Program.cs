using VideoVault.Manager;

using var cancellation = new CancellationTokenSource();

// Ctrl+C ends long work (verify, logs --follow) through the token instead of killing the process mid-write.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await VideoVaultCli.RunAsync(args, Console.Out, Console.Error, Console.In, cancellation.Token).ConfigureAwait(false);
