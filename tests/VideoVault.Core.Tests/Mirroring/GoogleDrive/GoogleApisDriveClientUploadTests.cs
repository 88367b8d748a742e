using System.Security.Cryptography;
using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Tests;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>Resumable uploads through Google.Apis against the fake Drive over real HTTP, with the real service-account token flow.</summary>
public sealed class GoogleApisDriveClientUploadTests : IAsyncLifetime
{
    private const int Chunk = DriveTestEnvironment.Chunk;
    private const int Size = (2 * Chunk) + 90_000;
    private DriveTestEnvironment _env = null!;

    private FakeDriveServer Drive => _env.Server;

    public async Task InitializeAsync() => _env = await DriveTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Upload_creates_the_file_with_the_pre_generated_id_and_returns_size_md5_and_sha256()
    {
        var client = _env.CreateClient();
        var id = (await client.GenerateIdsAsync(1)).Single();
        var (path, bytes) = _env.WriteVideo(Size);
        var chunksBeforeSessionSaved = -1;

        DriveUploadResult result;
        await using (var content = DriveTestEnvironment.Open(path))
        {
            result = await client.UploadAsync(Request(content, id) with
            {
                SessionStarted = (_, _) =>
                {
                    chunksBeforeSessionSaved = Drive.Requests.Count(r => r.Kind == FakeDriveRequestKind.UploadChunk);
                    return Task.CompletedTask;
                },
            });
        }

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.File!.Id.Should().Be(id);
        result.File.Size.Should().Be(Size);
        result.File.Md5Checksum.Should().Be(Convert.ToHexStringLower(MD5.HashData(bytes)));
        result.File.Sha256Checksum.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        result.File.VideoVaultId.Should().Be("v1");
        result.File.CompareWith(Size, Convert.ToHexStringLower(MD5.HashData(bytes)), Convert.ToHexStringLower(SHA256.HashData(bytes)))
            .Should().Be(new DriveContentCheck(true, null, true));
        chunksBeforeSessionSaved.Should().Be(0, "the session URI is handed over before any content is sent");
        var stored = Drive.Files.Should().ContainSingle().Subject;
        stored.Content.ToArray().Should().Equal(bytes);
        stored.Parents.Should().Equal(DriveTestEnvironment.FolderId);
        stored.MimeType.Should().Be("video/mp4");
        stored.Name.Should().Be("clip.mp4");
        var initiation = Drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.InitiateUpload);
        initiation.SupportsAllDrives.Should().BeTrue();
        initiation.QueryString.Should().Contain("fields=");
        Drive.TokenGrants.Should().ContainSingle().Which.Scope.Should().Be(GoogleDriveMirrorOptions.DriveFileScope);
        Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.UploadChunk).Select(r => r.ContentRange)
            .Should().Equal($"bytes 0-{Chunk - 1}/{Size}", $"bytes {Chunk}-{(2 * Chunk) - 1}/{Size}", $"bytes {2 * Chunk}-{Size - 1}/{Size}");
    }

    [Fact]
    public async Task Upload_resumes_the_saved_session_after_a_crash_and_sends_only_the_unconfirmed_bytes()
    {
        var client = _env.CreateClient();
        var id = (await client.GenerateIdsAsync(1)).Single();
        var (path, bytes) = _env.WriteVideo(Size);
        var saved = await CrashAfterFirstChunkAsync(client, path, id);

        Drive.PersistedBytes(saved).Should().Be(Chunk);
        Drive.Files.Should().BeEmpty();

        // A new process: a new client, a new stream, only the saved session URI.
        var restarted = _env.CreateClient();
        var result = await UploadFileAsync(restarted, path, id, saved);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
        Drive.Requests.Count(r => r.Kind == FakeDriveRequestKind.InitiateUpload).Should().Be(1);
        var log = Drive.Requests.ToList();
        var resume = log.FindIndex(r => r.Kind == FakeDriveRequestKind.StatusQuery && r.ResponseRange == $"bytes=0-{Chunk - 1}");
        resume.Should().BePositive("the resume starts with a status query that reports the first chunk");
        log.Skip(resume + 1).First(r => r.Kind == FakeDriveRequestKind.UploadChunk).ContentRange.Should().StartWith($"bytes {Chunk}-");
        log.Where(r => r.Kind == FakeDriveRequestKind.UploadChunk).Sum(r => r.BodyBytesReceived).Should().Be(Size, "every byte crossed the wire exactly once");
    }

    [Fact]
    public async Task Session_uri_never_appears_in_the_logs_when_a_session_starts_or_resumes()
    {
        // Regression: the resumable session URI, a bearer capability, was logged at Information when resuming.
        var logger = new RecordingLogger<GoogleApisDriveClient>();
        var client = _env.CreateClient(_env.Options(), GoogleDriveCredentialLoader.Load(_env.Options()), logger);
        var id = (await client.GenerateIdsAsync(1)).Single();
        var (path, _) = _env.WriteVideo(Size);
        var saved = await CrashAfterFirstChunkAsync(client, path, id);

        var result = await UploadFileAsync(client, path, id, saved);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var uploadId = System.Web.HttpUtility.ParseQueryString(saved!.Query)["upload_id"];
        uploadId.Should().NotBeNullOrEmpty();
        logger.Entries.Should().Contain(e => e.EventName == "DriveSessionStarted").And.Contain(e => e.EventName == "DriveUploadResuming");
        logger.Entries.Should().OnlyContain(e => !e.AllText.Contains(uploadId!, StringComparison.Ordinal));
        logger.Entries.Where(e => e.EventName == "DriveUploadResuming").Should().OnlyContain(e => e.Message.Contains(GoogleApisDriveClient.SessionHash(saved), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_session_is_classified_and_a_fresh_session_with_the_same_id_creates_the_file_once()
    {
        var client = _env.CreateClient();
        var id = (await client.GenerateIdsAsync(1)).Single();
        var (path, bytes) = _env.WriteVideo(Size);
        var saved = await CrashAfterFirstChunkAsync(client, path, id);

        Drive.ExpireSession(saved).Should().BeTrue();

        var expired = await UploadFileAsync(client, path, id, saved);
        var fresh = await UploadFileAsync(client, path, id);

        expired.Error!.Kind.Should().Be(DriveErrorKind.SessionExpired);
        expired.Error.StatusCode.Should().Be(404);
        expired.SessionUri.Should().BeNull("an expired session must not be resumed again");
        fresh.Succeeded.Should().BeTrue(fresh.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task A_503_mid_upload_is_recovered_with_a_status_query_inside_the_same_upload()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes > 0, DriveFault.ServerError(503));
        var (result, bytes) = await UploadNewAsync();

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
        var log = Drive.Requests.ToList();
        var failed = log.FindIndex(r => r.StatusCode == 503);
        log[failed + 1].Kind.Should().Be(FakeDriveRequestKind.StatusQuery);
    }

    [Theory]
    [InlineData(429, "rateLimitExceeded")]
    [InlineData(403, "rateLimitExceeded")]
    [InlineData(403, "userRateLimitExceeded")]
    public async Task Rate_limits_are_classified_transient_with_Retry_After_and_the_session_resumes_later(int status, string reason)
    {
        var fault = status == 429
            ? DriveFault.TooManyRequests(TimeSpan.FromSeconds(7))
            : reason == "rateLimitExceeded" ? DriveFault.RateLimitExceeded(TimeSpan.FromSeconds(7)) : DriveFault.UserRateLimitExceeded(TimeSpan.FromSeconds(7));
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes > 0, fault);
        var client = _env.CreateClient();
        var (path, bytes) = _env.WriteVideo(Size);

        var limited = await UploadFileAsync(client, path, fileId: null);
        var resumed = await UploadFileAsync(client, path, fileId: null, limited.SessionUri);

        limited.Error.Should().Be(limited.Error! with { Kind = DriveErrorKind.Transient, StatusCode = status, Reason = reason, RetryAfter = TimeSpan.FromSeconds(7) });
        limited.SessionUri.Should().NotBeNull();
        resumed.Succeeded.Should().BeTrue(resumed.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task A_connection_reset_mid_chunk_is_recovered_and_resends_only_what_Drive_did_not_keep()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes == Chunk, DriveFault.ResetConnection(afterBytes: 100_000, persistReceived: true));
        var (result, bytes) = await UploadNewAsync();

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
        var log = Drive.Requests.ToList();
        var reset = log.FindIndex(r => r.Aborted);
        log[reset + 1].Kind.Should().Be(FakeDriveRequestKind.StatusQuery);
        log[reset + 1].ResponseRange.Should().Be($"bytes=0-{Chunk + 100_000 - 1}");
        log[reset + 2].ContentRange.Should().StartWith($"bytes {Chunk + 100_000}-");
    }

    [Fact]
    public async Task A_partially_persisted_chunk_is_continued_from_the_reported_range()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.PartialPersist(1000));
        var (result, bytes) = await UploadNewAsync();

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
        Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.UploadChunk).Skip(1).First().ContentRange.Should().StartWith("bytes 1000-");
    }

    [Fact]
    public async Task A_308_without_Range_restarts_the_content_from_byte_zero()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes == Chunk, DriveFault.MissingRange());
        var (result, bytes) = await UploadNewAsync();

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
        Drive.Requests.Count(r => r.ContentRange == $"bytes 0-{Chunk - 1}/{Size}").Should().Be(2);
    }

    [Fact]
    public async Task A_401_mid_upload_refreshes_the_token_once_and_the_upload_completes()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes > 0, DriveFault.Unauthorized());
        var (result, bytes) = await UploadNewAsync();

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Should().ContainSingle().Which.Content.ToArray().Should().Equal(bytes);
        Drive.TokenGrants.Should().HaveCount(2);
        Drive.Requests.Should().ContainSingle(r => r.StatusCode == 401);
    }

    [Fact]
    public async Task A_401_that_persists_after_the_refresh_is_permanent()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.InitiateUpload, DriveFault.Unauthorized(), times: int.MaxValue);
        var (result, _) = await UploadNewAsync();

        result.Error!.Kind.Should().Be(DriveErrorKind.Permanent);
        result.Error.StatusCode.Should().Be(401);
        result.Error.Message.Should().Contain("CredentialsPath");
    }

    [Fact]
    public async Task A_revoked_service_account_key_is_permanent()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Token, DriveFault.InvalidGrant(), times: int.MaxValue);
        var (result, _) = await UploadNewAsync();

        result.Error!.Kind.Should().Be(DriveErrorKind.Permanent);
        result.Error.Reason.Should().Be("invalid_grant");
        Drive.Files.Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_create_with_the_same_pre_generated_id_is_AlreadyExists()
    {
        var client = _env.CreateClient();
        var id = (await client.GenerateIdsAsync(1)).Single();
        var (path, _) = _env.WriteVideo(1000);
        var first = await UploadFileAsync(client, path, id);
        var second = await UploadFileAsync(client, path, id);

        first.Succeeded.Should().BeTrue();
        second.Error!.Kind.Should().Be(DriveErrorKind.AlreadyExists);
        second.Error.StatusCode.Should().Be(409);
        Drive.Files.Should().ContainSingle();
    }

    [Fact]
    public async Task StorageQuotaExceeded_is_permanent_and_explains_shared_drives_and_impersonation()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.InitiateUpload, DriveFault.StorageQuotaExceeded());
        var (result, _) = await UploadNewAsync();

        result.Error!.Kind.Should().Be(DriveErrorKind.Permanent);
        result.Error.Reason.Should().Be("storageQuotaExceeded");
        result.Error.Message.Should().Contain("shared drive").And.Contain("ImpersonateUser").And.Contain("FolderId");
    }

    [Fact]
    public async Task The_daily_upload_limit_pauses_instead_of_failing()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.UploadLimitExceeded());
        var (result, _) = await UploadNewAsync();

        result.Error!.Kind.Should().Be(DriveErrorKind.QuotaPaused);
        result.SessionUri.Should().NotBeNull();
    }

    [Fact]
    public async Task Insufficient_permissions_on_the_folder_are_permanent()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.InitiateUpload, DriveFault.InsufficientFilePermissions());
        var (result, _) = await UploadNewAsync();

        result.Error!.Kind.Should().Be(DriveErrorKind.Permanent);
        result.Error.Message.Should().Contain(DriveTestEnvironment.FolderId);
    }

    [Fact]
    public async Task A_slow_chunk_within_the_timeout_completes()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.Slow(TimeSpan.FromMilliseconds(300)));
        var (result, bytes) = await UploadNewAsync();

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Drive.Files.Single().Content.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task A_chunk_slower_than_the_request_timeout_is_a_transient_failure()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.UploadChunk, DriveFault.Slow(TimeSpan.FromSeconds(30)));
        var (result, _) = await UploadNewAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));

        result.Error!.Kind.Should().Be(DriveErrorKind.Transient);
        result.SessionUri.Should().NotBeNull();
    }

    [Fact]
    public void The_request_timeout_is_sized_to_the_chunk()
    {
        GoogleApisDriveClient.TimeoutFor(8 * 1024 * 1024).Should().Be(TimeSpan.FromSeconds(128));
        GoogleApisDriveClient.TimeoutFor(Chunk).Should().Be(TimeSpan.FromSeconds(100));
    }

    [Fact]
    public void A_chunk_size_that_is_not_a_multiple_of_256_KiB_is_refused_at_construction()
    {
        var act = () => _env.CreateClient(o => o.ChunkSizeBytes = Chunk + 1);

        act.Should().Throw<ArgumentException>().WithMessage("*262144*");
    }

    private async Task<(DriveUploadResult Result, byte[] Bytes)> UploadNewAsync(Action<GoogleDriveMirrorOptions>? configure = null)
    {
        var client = _env.CreateClient(configure);
        var (path, bytes) = _env.WriteVideo(Size);
        await using var content = DriveTestEnvironment.Open(path);
        return (await client.UploadAsync(Request(content, fileId: null)), bytes);
    }

    /// <summary>Uploads <paramref name="path"/> from a fresh stream, resuming <paramref name="sessionUri"/> when given.</summary>
    private static async Task<DriveUploadResult> UploadFileAsync(GoogleApisDriveClient client, string path, string? fileId, Uri? sessionUri = null)
    {
        await using var content = DriveTestEnvironment.Open(path);
        return await client.UploadAsync(Request(content, fileId) with { SessionUri = sessionUri });
    }

    /// <summary>Starts an upload and cancels it, as a crash would, once the first chunk was sent.</summary>
    /// <returns>The session URI the upload handed out for saving, as the mirror worker saves it.</returns>
    private static async Task<Uri> CrashAfterFirstChunkAsync(GoogleApisDriveClient client, string path, string fileId)
    {
        Uri? saved = null;
        using var crash = new CancellationTokenSource();
        await using var content = DriveTestEnvironment.Open(path);
        var act = () => client.UploadAsync(Request(content, fileId) with
        {
            SessionStarted = (uri, _) =>
            {
                saved = uri;
                return Task.CompletedTask;
            },
            Progress = sent =>
            {
                if (sent >= Chunk)
                {
                    crash.Cancel();
                }
            },
        }, crash.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        return saved!;
    }

    private static DriveUploadRequest Request(Stream content, string? fileId) => new()
    {
        Content = content,
        Name = "clip.mp4",
        MimeType = "video/mp4",
        VideoVaultId = "v1",
        FileId = fileId,
    };
}
