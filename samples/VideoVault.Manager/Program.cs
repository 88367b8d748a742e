using System.Runtime.InteropServices;
using VideoVault.Manager;

using var cancellation = new CancellationTokenSource();

// Ctrl+C and SIGTERM end long work (verify, logs --follow) through the token, so files and the manifest are left
// consistent instead of the process dying mid-write.
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

return await VideoVaultCli.RunAsync(args, Console.Out, Console.Error, Console.In, cancellation.Token).ConfigureAwait(false);
