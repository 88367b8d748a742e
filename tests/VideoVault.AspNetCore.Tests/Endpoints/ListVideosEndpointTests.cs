using System.Net;
using System.Text.Json;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class ListVideosEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;
    private List<string> _idsOldestFirst = [];

    public async Task InitializeAsync()
    {
        _host = await VideoVaultTestHost.StartAsync(_root.Path);
        string[] categories = ["Tutorial", "Lecture", "Tutorial", "Interview", "Tutorial"];
        for (var i = 0; i < categories.Length; i++)
        {
            var video = await _host.Client.UploadAsync($"clip-{i}-{(i == 3 ? "needle" : "hay")}.mp4", TestVideos.Mp4(8 * 1024, seed: i), categories[i]);
            _idsOldestFirst.Add(video.GetProperty("video_id").GetString()!);
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task List_without_parameters_returns_every_video_newest_first_with_paging_fields()
    {
        var json = await ListAsync("");

        json.GetProperty("success").GetBoolean().Should().BeTrue();
        json.GetProperty("total").GetInt64().Should().Be(5);
        json.GetProperty("limit").GetInt32().Should().Be(50);
        json.GetProperty("page").GetInt32().Should().Be(1);
        json.GetProperty("next_cursor").ValueKind.Should().Be(JsonValueKind.Null);
        Ids(json).Should().Equal(Enumerable.Reverse(_idsOldestFirst));
        var first = json.GetProperty("videos")[0];
        first.TryGetProperty("success", out _).Should().BeFalse("list items are plain records");
        first.GetProperty("local_backup").GetString().Should().StartWith("videos/");
        first.GetProperty("drive_status").GetString().Should().Be("disabled");
    }

    [Fact]
    public async Task Page_and_limit_select_the_matching_slice()
    {
        var json = await ListAsync("?limit=2&page=2");

        json.GetProperty("page").GetInt32().Should().Be(2);
        json.GetProperty("limit").GetInt32().Should().Be(2);
        json.GetProperty("total").GetInt64().Should().Be(5);
        Ids(json).Should().Equal(_idsOldestFirst[2], _idsOldestFirst[1]);
    }

    [Fact]
    public async Task Following_next_cursor_visits_every_video_once_in_order()
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var json = await ListAsync("?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(Ids(json));
            cursor = json.GetProperty("next_cursor").GetString();
            if (cursor is null)
            {
                break;
            }

            json.GetProperty("page").ValueKind.Should().Be(pages == 0 ? JsonValueKind.Number : JsonValueKind.Null);
        }

        seen.Should().Equal(Enumerable.Reverse(_idsOldestFirst));
    }

    [Fact]
    public async Task Category_search_and_mirror_state_filters_narrow_the_list()
    {
        var tutorials = await ListAsync("?category=tutorial");
        tutorials.GetProperty("total").GetInt64().Should().Be(3);
        Ids(tutorials).Should().Equal(_idsOldestFirst[4], _idsOldestFirst[2], _idsOldestFirst[0]);

        var needle = await ListAsync("?search=needle");
        Ids(needle).Should().Equal(_idsOldestFirst[3]);

        (await ListAsync("?drive_status=disabled")).GetProperty("total").GetInt64().Should().Be(5);
        (await ListAsync("?drive_status=PENDING")).GetProperty("total").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Date_filters_include_today_and_exclude_the_past_and_future()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        (await ListAsync($"?since={today}&until={today}")).GetProperty("total").GetInt64().Should().Be(5);
        (await ListAsync($"?until={yesterday}")).GetProperty("total").GetInt64().Should().Be(0);
        (await ListAsync("?since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O")))).GetProperty("total").GetInt64().Should().Be(0);
    }

    [Theory]
    [InlineData("?until=9999-12-31", 5)]
    [InlineData("?since=0001-01-01", 5)]
    [InlineData("?since=0001-01-01&until=9999-12-31", 5)]
    [InlineData("?until=0001-01-01", 0)]
    [InlineData("?since=9999-12-31", 0)]
    [InlineData("?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59.9999999Z", 5)]
    [InlineData("?until=0001-01-01T00:00:00Z", 0)]
    [InlineData("?since=9999-12-31T23:59:59.9999999Z", 0)]
    public async Task Dates_at_the_ends_of_the_calendar_are_answered_not_500s(string query, int total)
    {
        // until=9999-12-31 used to overflow computing the next midnight: it now means no upper bound.
        (await ListAsync(query)).GetProperty("total").GetInt64().Should().Be(total);
    }

    [Theory]
    [InlineData("until", "9999-12-31T23:00:00-14:00")]
    [InlineData("since", "0001-01-01T00:00:00+14:00")]
    [InlineData("until", "10000-01-01")]
    [InlineData("since", "99999-01-01T00:00:00Z")]
    public async Task Instants_out_of_range_in_UTC_are_400_problems_naming_the_parameter(string name, string value)
    {
        using var response = await _host.Client.GetAsync($"/api/videos/list?{name}={Uri.EscapeDataString(value)}");

        (await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path)).GetProperty("detail").GetString().Should().Contain($"'{name}'");
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=ten")]
    [InlineData("?page=0")]
    [InlineData("?page=-1")]
    [InlineData("?page=1&cursor=abc")]
    [InlineData("?drive_status=uploaded")]
    [InlineData("?since=yesterday")]
    [InlineData("?limit=1&limit=2")]
    [InlineData("?cursor=not-a-cursor")]
    public async Task Invalid_query_values_are_400_problems(string query)
    {
        using var response = await _host.Client.GetAsync("/api/videos/list" + query);

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        using var response = await _host.Client.GetAsync("/api/videos/list" + query);
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static List<string> Ids(JsonElement json) =>
        json.GetProperty("videos").EnumerateArray().Select(video => video.GetProperty("video_id").GetString()!).ToList();
}
