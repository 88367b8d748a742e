namespace VideoVault.Manager.Cli;

/// <summary>Folds a message onto one line: the tool promises one-line errors.</summary>
internal static class OneLine
{
    public static string Of(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
