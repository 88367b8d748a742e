using System.Security.Cryptography;
using VideoVault.Mirroring;

namespace VideoVault.Tests.Mirroring;

public sealed class VerifyingReadStreamTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Retried_and_skipped_ranges_do_not_change_the_digests_of_the_whole_file()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        using var stream = Open(content, content);
        var buffer = new byte[100_000];

        await stream.ReadExactlyAsync(buffer);
        stream.Position = 50_000;
        await stream.ReadExactlyAsync(buffer);
        stream.Position = 250_000;
        (await stream.ReadAtLeastAsync(buffer, 50_000)).Should().Be(50_000);
        var hashes = await stream.CompleteAsync(CancellationToken.None);

        hashes.MatchesManifest.Should().BeTrue();
        hashes.Length.Should().Be(content.Length);
        hashes.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        hashes.Md5.Should().Be(Convert.ToHexStringLower(MD5.HashData(content)));
    }

    [Fact]
    public async Task A_whole_read_returns_the_file_and_its_digests_are_known_when_the_last_byte_is()
    {
        var content = RandomNumberGenerator.GetBytes(5_000_000);
        using var stream = Open(content, content);
        using var sent = new MemoryStream();

        await stream.CopyToAsync(sent, bufferSize: 8 * 1024 * 1024 / 64);

        sent.ToArray().Should().Equal(content);
        stream.Result.Should().NotBeNull("the read that returned the last byte waited for the digests");
        stream.Result!.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    [Fact]
    public async Task A_file_that_no_longer_matches_its_manifest_hash_withholds_its_last_bytes()
    {
        var stored = RandomNumberGenerator.GetBytes(200_000);
        var damaged = (byte[])stored.Clone();
        damaged[10] ^= 1;
        using var stream = Open(damaged, stored);
        var buffer = new byte[150_000];

        await stream.ReadExactlyAsync(buffer);
        var last = async () => await stream.ReadAtLeastAsync(buffer, 50_000);

        (await last.Should().ThrowAsync<LocalFileCorruptException>()).Which.Message.Should().Contain("corrupt");
        stream.Result!.MatchesManifest.Should().BeFalse();
        File.ReadAllBytes(Path.Combine(_directory.Path, "video.mp4")).Should().Equal(damaged, "the stream never writes");
    }

    [Fact]
    public async Task Complete_on_an_unread_file_reports_a_shortened_file_as_corrupt()
    {
        var stored = RandomNumberGenerator.GetBytes(1000);
        using var stream = Open(stored[..900], stored);

        var hashes = await stream.CompleteAsync(CancellationToken.None);

        hashes.MatchesManifest.Should().BeFalse();
        hashes.Corruption.Should().Contain("900 bytes").And.Contain("1000");
    }

    private VerifyingReadStream Open(byte[] onDisk, byte[] stored)
    {
        var path = Path.Combine(_directory.Path, "video.mp4");
        File.WriteAllBytes(path, onDisk);
        return new VerifyingReadStream(path, stored.Length, Convert.ToHexStringLower(SHA256.HashData(stored)));
    }
}
