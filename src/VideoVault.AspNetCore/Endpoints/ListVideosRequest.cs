using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// The query string of <c>GET {prefix}/videos/list</c>, parsed by hand so every bad value is a 400 problem with a
/// readable reason rather than the framework's bare binding failure.
/// </summary>
internal sealed record ListVideosRequest(VideoQuery Query, int? Page)
{
    public const int DefaultLimit = 50;

    private static readonly string[] KnownNames = ["limit", "cursor", "page", "search", "category", "drive_status", "since", "until"];

    public static bool TryParse(IQueryCollection values, out ListVideosRequest request, out string error)
    {
        request = new ListVideosRequest(new VideoQuery(), null);
        foreach (var name in KnownNames)
        {
            if (values.TryGetValue(name, out var given) && given.Count > 1)
            {
                error = $"'{name}' may be given only once.";
                return false;
            }
        }

        var limit = DefaultLimit;
        if (Single(values, "limit") is { } limitText &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > VideoQuery.MaxLimit))
        {
            error = $"'limit' must be a whole number from 1 to {VideoQuery.MaxLimit}.";
            return false;
        }

        var cursor = Single(values, "cursor");
        int? page = null;
        if (Single(values, "page") is { } pageText)
        {
            if (cursor is not null)
            {
                error = "Use either 'cursor' or 'page', not both.";
                return false;
            }

            if (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var pageNumber) || pageNumber < 1 ||
                (long)(pageNumber - 1) * limit > int.MaxValue)
            {
                error = "'page' must be a whole number from 1 (and page × limit must stay within range).";
                return false;
            }

            page = pageNumber;
        }

        MirrorState? state = null;
        if (Single(values, "drive_status") is { } stateText)
        {
            if (!Json.WireNames.TryParseMirrorState(stateText, out var parsed))
            {
                error = "'drive_status' must be one of: " + string.Join(", ", Json.WireNames.MirrorStates.Select(Json.WireNames.Of)) + ".";
                return false;
            }

            state = parsed;
        }

        if (!TryParseInstant(values, "since", endOfDay: false, out var since, out error) ||
            !TryParseInstant(values, "until", endOfDay: true, out var until, out error))
        {
            return false;
        }

        request = new ListVideosRequest(
            new VideoQuery
            {
                Limit = limit,
                Cursor = cursor,
                Offset = page is { } p ? (p - 1) * limit : 0,
                Search = Single(values, "search"),
                Category = Single(values, "category"),
                MirrorState = state,
                CreatedFrom = since,
                CreatedBefore = until,
            },
            page ?? (cursor is null ? 1 : null));
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// An ISO 8601 instant (no offset means UTC), or a plain date: <c>since</c> starts at its midnight and <c>until</c>
    /// includes the whole day. <c>until=9999-12-31</c>, whose next midnight no <see cref="DateTimeOffset"/> can hold,
    /// means no upper bound; an instant that is out of range once moved to UTC is a 400.
    /// </summary>
    private static bool TryParseInstant(IQueryCollection values, string name, bool endOfDay, out DateTimeOffset? instant, out string error)
    {
        instant = null;
        error = string.Empty;
        if (Single(values, name) is not { } text)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            instant = !endOfDay ? midnight : date == DateOnly.MaxValue ? null : midnight.AddDays(1);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }

        error = $"'{name}' must be an ISO 8601 date (2024-05-31) or instant (2024-05-31T12:00:00Z) from year 1 to 9999 in UTC.";
        return false;
    }

    private static string? Single(IQueryCollection values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value[0]) ? value[0]!.Trim() : null;
}
