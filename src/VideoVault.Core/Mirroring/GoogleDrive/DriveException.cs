namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Thrown by the Drive client's non-upload calls when Drive (or the network) fails; carries the classification.</summary>
internal sealed class DriveException : Exception
{
    public DriveException(DriveError error, Exception? innerException = null)
        : base(error?.ToString(), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public DriveError Error { get; }
}
