using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

/// <summary>
/// Original names nobody checked, put straight into the manifest (the upload path would have cleaned most of them):
/// the download's <c>Content-Disposition</c> must stay one valid header and still give the exact name back.
/// </summary>
public sealed class VideoContentDispositionTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;

    public static TheoryData<string> HostileNames => new()
    {
        "quote\"d \"name\".mp4",
        "back\\slash\\..\\name.mp4",
        "été – 日本語の動画 🎬.mp4",
        "line\r\nSet-Cookie: stolen=1\r\n\r\n<html>.mp4",
        "tab\tbell\u0007nul\0del\u007f.mp4",
        "100% real %41%42.mp4",
        "semi;colon, comma='apos'; filename=\"evil.exe\".mp4",
        "\u202Ekcod.exe\u202C.mp4",
        "'; filename*=UTF-8''evil.exe",
    };

    public async Task InitializeAsync() => _host = await VideoVaultTestHost.StartAsync(_root.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_hostile_original_name_gives_a_valid_Content_Disposition_that_decodes_back_to_the_name(string name)
    {
        var manifest = _host.Services.GetRequiredService<IVideoManifest>();
        var video = await PlacedVideos.PlaceAsync(manifest, _root.Path, TestVideos.Mp4(4096), name);

        using var inline = await _host.Client.GetAsync($"/api/videos/{video.Id}/content");
        using var attachment = await _host.Client.GetAsync($"/api/videos/{video.Id}/content?download=true");

        foreach (var (response, type) in new[] { (inline, "inline"), (attachment, "attachment") })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var raw = response.Content.Headers.GetValues("Content-Disposition").Should().ContainSingle().Subject;
            raw.Should().MatchRegex("^[\\x20-\\x7E]+$", "the value must be printable ASCII: no CR, LF, control or non-ASCII byte");

            // .NET's own parser (RFC 6266, RFC 5987) reads the same value back.
            var parsed = ContentDispositionHeaderValue.Parse(raw);
            parsed.DispositionType.Should().Be(type);
            var fallback = parsed.FileName!.Trim('"');
            fallback.Should().NotContainAny("\"", "\\", "%", ";", ",");
            var decoded = parsed.FileNameStar ?? fallback;
            decoded.Should().Be(name);

            // And as a naive client splits it: one filename, one filename* (every name here needs it), UTF-8 percent-encoded.
            raw.Count(c => c == ',').Should().Be(0, "a comma would split the header value for a naive client");
            var parameters = raw.Split(';', StringSplitOptions.TrimEntries)[1..];
            parameters.Should().HaveCount(2);
            parameters.Count(p => p.StartsWith("filename=", StringComparison.Ordinal)).Should().Be(1);
            var star = parameters.Where(p => p.StartsWith("filename*=", StringComparison.Ordinal)).ToList();
            star.Should().ContainSingle();
            star[0].Should().StartWith("filename*=UTF-8''");
            Uri.UnescapeDataString(star[0]["filename*=UTF-8''".Length..]).Should().Be(name);
        }
    }

    [Fact]
    public async Task A_plain_ASCII_name_is_sent_as_filename_alone()
    {
        var manifest = _host.Services.GetRequiredService<IVideoManifest>();
        var video = await PlacedVideos.PlaceAsync(manifest, _root.Path, TestVideos.Mp4(4096), "Team intro (final) v2.mp4");

        using var response = await _host.Client.GetAsync($"/api/videos/{video.StoredName}/content?download=true");

        response.Content.Headers.GetValues("Content-Disposition").Should().Equal("attachment; filename=\"Team intro (final) v2.mp4\"");
    }
}
