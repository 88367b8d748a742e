using Microsoft.Playwright;

namespace VideoVault.BrowserTests;

/// <summary>
/// Sits between the page and the tus endpoint (Playwright routing): records every request to <c>api/uploads</c> and
/// holds one PATCH (never sends it), so an upload stops after a known number of pieces, at an offset the test knows.
/// Every other request goes through unchanged.
/// </summary>
internal sealed class UploadRequestGate
{
    private readonly int holdPatchNumber;
    private readonly TaskCompletionSource<IRoute> held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<UploadRequest> requests = [];
    private int patches;

    /// <param name="holdPatchNumber">Which PATCH to hold, counting from 1; 0 holds none.</param>
    public UploadRequestGate(int holdPatchNumber = 0)
    {
        this.holdPatchNumber = holdPatchNumber;
    }

    /// <summary>Completes with the held PATCH's route once the page sent it.</summary>
    public Task<IRoute> Held => held.Task;

    public IReadOnlyList<UploadRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public Task AttachAsync(IPage page) => page.RouteAsync("**/api/uploads**", HandleAsync);

    private async Task HandleAsync(IRoute route)
    {
        var request = route.Request;
        lock (requests)
        {
            requests.Add(new UploadRequest(request.Method, request.Url, request.Headers.GetValueOrDefault("idempotency-key")));
        }

        if (request.Method == "PATCH" && Interlocked.Increment(ref patches) == holdPatchNumber)
        {
            // Left pending: the browser waits for it until the page pauses, reloads or the test aborts it.
            held.TrySetResult(route);
            return;
        }

        try
        {
            await route.ContinueAsync();
        }
        catch (PlaywrightException)
        {
            // The page went away (reload) while this request waited in the route: nothing left to continue.
        }
    }
}

/// <summary>One request the page sent to the tus endpoint.</summary>
internal sealed record UploadRequest(string Method, string Url, string? IdempotencyKey);
