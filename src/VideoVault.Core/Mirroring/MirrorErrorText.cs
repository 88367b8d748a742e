namespace VideoVault.Mirroring;

/// <summary>
/// The text a mirror failure leaves in the record's last error, which the HTTP API serves: a fixed sentence per kind of
/// exception, never its message (an I/O error names the absolute path of the store). The full exception goes to the log.
/// </summary>
internal static class MirrorErrorText
{
    public static string For(Exception exception) =>
        Find<LocalFileReadException>(exception)?.Message ?? $"Unexpected error ({exception.GetType().Name}); the host's log has the details.";

    /// <summary>The exception or the first of its inner exceptions of type <typeparamref name="T"/>.</summary>
    public static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
