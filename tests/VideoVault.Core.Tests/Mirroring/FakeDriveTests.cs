using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.FakeDrive;

namespace VideoVault.Core.Tests.Mirroring;

/// <summary>Protocol conformance of the fake Drive itself, over a plain HttpClient (no Google.Apis in the way).</summary>
public sealed class FakeDriveTests : IAsyncLifetime
{
    private const int Chunk = 256 * 1024;
    private FakeDriveServer _drive = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _drive = await FakeDriveServer.StartAsync();
        _http = new HttpClient { BaseAddress = _drive.BaseUri };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _drive.IssueAccessToken());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _drive.DisposeAsync();
    }

    [Fact]
    public async Task Initiation_answers_200_with_an_absolute_session_location_and_no_body()
    {
        using var response = await InitiateAsync("clip.mp4", 10);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Location!.IsAbsoluteUri.Should().BeTrue();
        response.Headers.Location.AbsoluteUri.Should().StartWith(_drive.BaseUri + "upload/drive/v3/files?uploadType=resumable&upload_id=");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Requests_without_a_valid_bearer_token_are_refused_with_401()
    {
        using var anonymous = new HttpClient { BaseAddress = _drive.BaseUri };
        using var missing = await anonymous.GetAsync(new Uri("drive/v3/files", UriKind.Relative));
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "made-up");
        using var unknown = await anonymous.GetAsync(new Uri("drive/v3/files/generateIds", UriKind.Relative));

        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReasonAsync(unknown)).Should().Be("authError");
    }

    [Fact]
    public async Task Chunks_are_acknowledged_with_308_and_the_persisted_range_and_the_last_one_returns_the_file()
    {
        var content = RandomBytes((2 * Chunk) + 1000);
        var session = await StartSessionAsync("clip.mp4", content.Length, fields: "id,name,size,md5Checksum,sha256Checksum,appProperties");

        using var first = await PutAsync(session, content, 0, Chunk, content.Length);
        using var second = await PutAsync(session, content, Chunk, Chunk, content.Length);
        using var last = await PutAsync(session, content, 2 * Chunk, 1000, content.Length);

        first.StatusCode.Should().Be((HttpStatusCode)308);
        RangeOf(first).Should().Be("bytes=0-262143");
        RangeOf(second).Should().Be("bytes=0-524287");
        last.StatusCode.Should().Be(HttpStatusCode.OK);
        var file = JsonNode.Parse(await last.Content.ReadAsStringAsync())!.AsObject();
        file["size"]!.GetValueKind().Should().Be(JsonValueKind.String);
        file["size"]!.GetValue<string>().Should().Be(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        file["md5Checksum"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(MD5.HashData(content)));
        file["sha256Checksum"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        file["appProperties"]!["videoVaultId"]!.GetValue<string>().Should().Be("v1");
        file.ContainsKey("kind").Should().BeFalse("the fields parameter limits the response");
        _drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task A_status_query_reports_308_without_Range_when_nothing_is_stored_and_with_Range_afterwards()
    {
        var content = RandomBytes(Chunk + 10);
        var session = await StartSessionAsync("a.mp4", content.Length);

        using var empty = await StatusQueryAsync(session, content.Length);
        using var _ = await PutAsync(session, content, 0, Chunk, content.Length);
        using var afterChunk = await StatusQueryAsync(session, null);

        empty.StatusCode.Should().Be((HttpStatusCode)308);
        empty.Headers.Contains("Range").Should().BeFalse();
        afterChunk.StatusCode.Should().Be((HttpStatusCode)308);
        RangeOf(afterChunk).Should().Be("bytes=0-262143");
    }

    [Fact]
    public async Task A_status_query_on_a_finished_session_returns_the_file_again()
    {
        var content = RandomBytes(1000);
        var session = await StartSessionAsync("a.mp4", content.Length, fields: "id,size");
        using var done = await PutAsync(session, content, 0, content.Length, content.Length);

        using var again = await StatusQueryAsync(session, content.Length);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await again.Content.ReadAsStringAsync())!["size"]!.GetValue<string>().Should().Be("1000");
        _drive.Files.Should().ContainSingle();
    }

    [Fact]
    public async Task A_gap_is_rejected_and_overlap_with_persisted_bytes_is_ignored()
    {
        var content = RandomBytes(3 * Chunk);
        var session = await StartSessionAsync("a.mp4", content.Length);
        using var first = await PutAsync(session, content, 0, Chunk, content.Length);

        using var gap = await PutAsync(session, content, 2 * Chunk, Chunk, content.Length);
        using var overlapping = await PutAsync(session, content, 0, 2 * Chunk, content.Length);
        using var last = await PutAsync(session, content, 2 * Chunk, Chunk, content.Length);

        gap.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        RangeOf(overlapping).Should().Be("bytes=0-524287");
        last.StatusCode.Should().Be(HttpStatusCode.OK);
        _drive.Files.Single().Content.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task A_non_final_chunk_that_is_not_a_multiple_of_256_KiB_is_rejected()
    {
        var content = RandomBytes(Chunk + 100);
        var session = await StartSessionAsync("a.mp4", content.Length);

        using var response = await PutAsync(session, content, 0, 1000, content.Length);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_total_ranges_and_an_empty_file_are_accepted()
    {
        var content = RandomBytes(Chunk + 5);
        var session = await StartSessionAsync("a.mp4", null);
        using var first = await PutAsync(session, content, 0, Chunk, null);
        using var last = await PutAsync(session, content, Chunk, 5, content.Length);
        var emptySession = await StartSessionAsync("empty.mp4", 0);
        using var empty = await StatusQueryAsync(emptySession, 0);

        RangeOf(first).Should().Be("bytes=0-262143");
        last.StatusCode.Should().Be(HttpStatusCode.OK);
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        _drive.Files.Select(f => f.Size).Should().BeEquivalentTo([content.Length, 0L]);
    }

    [Fact]
    public async Task Scripted_error_faults_fire_once_with_the_Google_error_body_and_Retry_After()
    {
        _drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.TooManyRequests(TimeSpan.FromSeconds(7)));
        _drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.UserRateLimitExceeded());
        var content = RandomBytes(100);
        var session = await StartSessionAsync("a.mp4", content.Length);

        using var tooMany = await PutAsync(session, content, 0, 100, 100);
        using var userRate = await PutAsync(session, content, 0, 100, 100);
        using var ok = await PutAsync(session, content, 0, 100, 100);

        tooMany.StatusCode.Should().Be((HttpStatusCode)429);
        tooMany.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        (await ReasonAsync(tooMany)).Should().Be("rateLimitExceeded");
        userRate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var error = JsonNode.Parse(await userRate.Content.ReadAsStringAsync())!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(403);
        error["errors"]![0]!["domain"]!.GetValue<string>().Should().Be("usageLimits");
        error["errors"]![0]!["reason"]!.GetValue<string>().Should().Be("userRateLimitExceeded");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        _drive.Requests.Where(r => r.Fault is not null).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_reset_mid_chunk_drops_the_connection_and_can_keep_what_it_read()
    {
        _drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.ResetConnection(afterBytes: 100_000, persistReceived: true));
        var content = RandomBytes(2 * Chunk);
        var session = await StartSessionAsync("a.mp4", content.Length);

        var act = async () => await PutAsync(session, content, 0, Chunk, content.Length);
        await act.Should().ThrowAsync<HttpRequestException>();
        using var status = await StatusQueryAsync(session, content.Length);

        RangeOf(status).Should().Be("bytes=0-99999");
        _drive.Requests.Should().Contain(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.Aborted && r.BodyBytesReceived == 100_000);
    }

    [Fact]
    public async Task A_partially_persisted_chunk_is_answered_with_the_smaller_range()
    {
        _drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.PartialPersist(1000));
        var content = RandomBytes(2 * Chunk);
        var session = await StartSessionAsync("a.mp4", content.Length);

        using var response = await PutAsync(session, content, 0, Chunk, content.Length);

        response.StatusCode.Should().Be((HttpStatusCode)308);
        RangeOf(response).Should().Be("bytes=0-999");
    }

    [Fact]
    public async Task A_missing_Range_fault_forgets_the_bytes_and_answers_308_without_Range()
    {
        _drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes > 0, DriveFault.MissingRange());
        var content = RandomBytes(3 * Chunk);
        var session = await StartSessionAsync("a.mp4", content.Length);

        using var first = await PutAsync(session, content, 0, Chunk, content.Length);
        using var second = await PutAsync(session, content, Chunk, Chunk, content.Length);

        RangeOf(first).Should().Be("bytes=0-262143");
        second.StatusCode.Should().Be((HttpStatusCode)308);
        second.Headers.Contains("Range").Should().BeFalse();
        _drive.PersistedBytes(session).Should().Be(0);
    }

    [Fact]
    public async Task An_expired_session_answers_404()
    {
        var session = await StartSessionAsync("a.mp4", 10);
        _drive.Faults.Enqueue(FakeDriveRequestKind.StatusQuery, DriveFault.ExpiredSession());

        using var expired = await StatusQueryAsync(session, 10);
        using var stillGone = await StatusQueryAsync(session, 10);

        expired.StatusCode.Should().Be(HttpStatusCode.NotFound);
        stillGone.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_401_fault_revokes_the_token_presented()
    {
        _drive.Faults.Enqueue(FakeDriveRequestKind.GenerateIds, DriveFault.Unauthorized());

        using var first = await _http.GetAsync(new Uri("drive/v3/files/generateIds?count=1", UriKind.Relative));
        using var second = await _http.GetAsync(new Uri("drive/v3/files/generateIds?count=1", UriKind.Relative));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _drive.IssueAccessToken());
        using var refreshed = await _http.GetAsync(new Uri("drive/v3/files/generateIds?count=1", UriKind.Relative));

        first.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_pre_generated_id_is_honoured_and_a_second_create_with_it_is_a_409()
    {
        var ids = await GenerateIdsAsync(2);
        var content = RandomBytes(10);
        var session = await StartSessionAsync("a.mp4", content.Length, id: ids[0]);
        using var done = await PutAsync(session, content, 0, 10, 10);

        using var again = await InitiateAsync("a.mp4", 10, id: ids[0]);
        using var madeUp = await InitiateAsync("a.mp4", 10, id: "not-generated-by-drive");

        _drive.FindFile(ids[0]).Should().NotBeNull();
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        madeUp.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ids[1].Should().HaveLength(33).And.NotBe(ids[0]);
    }

    [Fact]
    public async Task List_filters_by_app_property_parent_and_trash_with_escapes()
    {
        var tricky = "it's \\ tricky";
        var wanted = _drive.AddFile("a.mp4", [1], "folder", new Dictionary<string, string> { ["videoVaultId"] = tricky });
        _drive.AddFile("b.mp4", [2], "folder", new Dictionary<string, string> { ["videoVaultId"] = tricky }, trashed: true);
        _drive.AddFile("c.mp4", [3], "other", new Dictionary<string, string> { ["videoVaultId"] = tricky });
        _drive.AddFile("d.mp4", [4], "folder", new Dictionary<string, string> { ["videoVaultId"] = "else" });
        var q = "appProperties has { key='videoVaultId' and value='it\\'s \\\\ tricky' } and 'folder' in parents and trashed = false";

        var body = await GetJsonAsync($"drive/v3/files?q={Uri.EscapeDataString(q)}&fields=files(id,name)&supportsAllDrives=true");

        body["files"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Equal(wanted.Id);
        body["files"]![0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("id", "name");
        _drive.Requests.Last().SupportsAllDrives.Should().BeTrue();
    }

    [Fact]
    public async Task List_pages_with_page_tokens_until_none_is_returned()
    {
        for (var i = 0; i < 5; i++)
        {
            _drive.AddFile($"f{i}.mp4", [(byte)i], "folder");
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = await GetJsonAsync($"drive/v3/files?q={Uri.EscapeDataString("'folder' in parents")}&pageSize=2&fields=nextPageToken,files(name)" +
                (token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}"));
            names.AddRange(body["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
            token = body["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        pages.Should().Be(3);
        names.Should().Equal("f0.mp4", "f1.mp4", "f2.mp4", "f3.mp4", "f4.mp4");
    }

    [Fact]
    public async Task An_unsupported_query_term_is_rejected_rather_than_ignored()
    {
        using var response = await _http.GetAsync(new Uri($"drive/v3/files?q={Uri.EscapeDataString("starred = true")}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_and_delete_of_a_missing_file_answer_404_notFound_and_delete_answers_204()
    {
        var file = _drive.AddFile("a.mp4", [1, 2, 3]);

        var got = await GetJsonAsync($"drive/v3/files/{file.Id}?fields=id,size,md5Checksum");
        using var deleted = await _http.DeleteAsync(new Uri($"drive/v3/files/{file.Id}?supportsAllDrives=true", UriKind.Relative));
        using var missingGet = await _http.GetAsync(new Uri($"drive/v3/files/{file.Id}", UriKind.Relative));
        using var missingDelete = await _http.DeleteAsync(new Uri($"drive/v3/files/{file.Id}", UriKind.Relative));

        got["size"]!.GetValue<string>().Should().Be("3");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        missingGet.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReasonAsync(missingGet)).Should().Be("notFound");
        missingDelete.StatusCode.Should().Be(HttpStatusCode.NotFound);
        _drive.Files.Should().BeEmpty();
    }

    [Fact]
    public async Task The_token_endpoint_accepts_a_signed_jwt_bearer_grant_and_refuses_a_forged_one()
    {
        using var rsa = RSA.Create(2048);
        using var forger = RSA.Create(2048);
        _drive.RegisterServiceAccountKey("sa@example.iam.gserviceaccount.com", "kid-1", rsa.ExportSubjectPublicKeyInfoPem());

        using var good = await RequestTokenAsync(Jwt(rsa, "kid-1", "sa@example.iam.gserviceaccount.com", FakeDriveServer.DriveFileScope));
        using var forged = await RequestTokenAsync(Jwt(forger, "kid-1", "sa@example.iam.gserviceaccount.com", FakeDriveServer.DriveFileScope));
        using var unscoped = await RequestTokenAsync(Jwt(rsa, "kid-1", "sa@example.iam.gserviceaccount.com", scope: null));

        good.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = JsonNode.Parse(await good.Content.ReadAsStringAsync())!;
        token["token_type"]!.GetValue<string>().Should().Be("Bearer");
        token["expires_in"]!.GetValue<int>().Should().BePositive();
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unscoped.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _drive.TokenGrants.Should().ContainSingle(g => g.GrantType != "direct").Which.Scope.Should().Be(FakeDriveServer.DriveFileScope);
    }

    private string Jwt(RSA key, string kid, string issuer, string? scope)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid }));
        var claims = new Dictionary<string, object> { ["iss"] = issuer, ["aud"] = _drive.TokenUri.AbsoluteUri, ["iat"] = now, ["exp"] = now + 3600 };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64(signature);
    }

    private Task<HttpResponseMessage> RequestTokenAsync(string jwt) =>
        _http.PostAsync(_drive.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = jwt,
        }));

    private async Task<string[]> GenerateIdsAsync(int count)
    {
        var body = await GetJsonAsync($"drive/v3/files/generateIds?count={count}&space=drive&type=files");
        return body["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray();
    }

    private async Task<JsonNode> GetJsonAsync(string relative)
    {
        using var response = await _http.GetAsync(new Uri(relative, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> InitiateAsync(string name, long? length, string? fields = null, string? id = null)
    {
        var metadata = new Dictionary<string, object> { ["name"] = name, ["mimeType"] = "video/mp4", ["parents"] = new[] { "folder" }, ["appProperties"] = new Dictionary<string, string> { ["videoVaultId"] = "v1" } };
        if (id is not null)
        {
            metadata["id"] = id;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"upload/drive/v3/files?uploadType=resumable&supportsAllDrives=true{(fields is null ? "" : "&fields=" + Uri.EscapeDataString(fields))}", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(metadata), Encoding.UTF8, "application/json"),
        };
        if (length is not null)
        {
            request.Headers.Add("X-Upload-Content-Length", length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return await _http.SendAsync(request);
    }

    private async Task<Uri> StartSessionAsync(string name, long? length, string? fields = null, string? id = null)
    {
        using var response = await InitiateAsync(name, length, fields, id);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response.Headers.Location!;
    }

    private async Task<HttpResponseMessage> PutAsync(Uri session, byte[] content, int offset, int count, long? total)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent(content, offset, count) };
        request.Content.Headers.ContentRange = total is null
            ? ContentRangeHeaderValue.Parse($"bytes {offset}-{offset + count - 1}/*")
            : new ContentRangeHeaderValue(offset, offset + count - 1, total.Value);
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> StatusQueryAsync(Uri session, long? total)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentRange = ContentRangeHeaderValue.Parse(total is null ? "bytes */*" : $"bytes */{total}");
        return await _http.SendAsync(request);
    }

    private static string? RangeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Range", out var values) ? values.Single() : null;

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?["errors"]?[0]?["reason"]?.GetValue<string>();

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);
}
