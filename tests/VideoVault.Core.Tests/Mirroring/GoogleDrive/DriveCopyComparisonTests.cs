using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>The rules a check of a mirror copy compares by, one at a time (see drive-protocol §3.1 on sha256Checksum).</summary>
public sealed class DriveCopyComparisonTests
{
    private const long Size = 4096;
    private static readonly string Sha256 = new('a', 64);
    private static readonly string Md5 = new('b', 32);

    [Fact]
    public void Size_SHA256_and_MD5_all_matching_is_intact_with_both_compared()
    {
        var result = DriveCopyComparison.Compare(File(Size, md5: Md5, sha256: Sha256.ToUpperInvariant()), Size, Sha256, Md5);

        result.Outcome.Should().Be(MirrorCopyOutcome.Intact);
        result.Sha256Compared.Should().BeTrue();
        result.Md5Compared.Should().BeTrue();
        result.Detail.Should().Be("size, SHA-256 and MD5 match Drive's file f1");
    }

    [Fact]
    public void Another_size_is_corrupt_before_any_checksum_is_looked_at()
    {
        var result = DriveCopyComparison.Compare(File(Size - 1, md5: Md5, sha256: Sha256), Size, Sha256, Md5);

        result.Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
        result.Detail.Should().Be("Drive reports 4095 bytes for file f1, the record 4096");
    }

    [Fact]
    public void A_missing_size_is_corrupt()
    {
        DriveCopyComparison.Compare(File(null, md5: Md5, sha256: Sha256), Size, Sha256, Md5).Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
    }

    [Fact]
    public void Another_SHA256_is_corrupt_even_when_the_MD5_matches()
    {
        var result = DriveCopyComparison.Compare(File(Size, md5: Md5, sha256: new string('c', 64)), Size, Sha256, Md5);

        result.Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
        result.Detail.Should().Contain("SHA-256").And.Contain(new string('c', 64)).And.Contain(Sha256);
    }

    [Fact]
    public void Without_a_SHA256_from_Drive_the_MD5_decides_and_absence_is_not_a_mismatch()
    {
        var intact = DriveCopyComparison.Compare(File(Size, md5: Md5, sha256: null), Size, Sha256, Md5);
        var corrupt = DriveCopyComparison.Compare(File(Size, md5: new string('d', 32), sha256: null), Size, Sha256, Md5);

        intact.Outcome.Should().Be(MirrorCopyOutcome.Intact);
        intact.Sha256Compared.Should().BeFalse();
        intact.Md5Compared.Should().BeTrue();
        intact.Detail.Should().Contain("Drive reported no SHA-256");
        corrupt.Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
        corrupt.Detail.Should().Contain("MD5");
    }

    [Fact]
    public void With_a_matching_SHA256_an_unknown_MD5_is_still_intact()
    {
        var result = DriveCopyComparison.Compare(File(Size, md5: Md5, sha256: Sha256), Size, Sha256, md5: null);

        result.Outcome.Should().Be(MirrorCopyOutcome.Intact);
        result.Md5Compared.Should().BeFalse();
    }

    [Fact]
    public void Neither_checksum_comparable_is_unverified_not_corrupt()
    {
        var noSha = DriveCopyComparison.Compare(File(Size, md5: Md5, sha256: null), Size, Sha256, md5: null);
        var nothing = DriveCopyComparison.Compare(File(Size, md5: null, sha256: null), Size, Sha256, Md5);

        noSha.Outcome.Should().Be(MirrorCopyOutcome.Unverified);
        noSha.Detail.Should().Contain("the MD5 of the verified bytes is not known");
        nothing.Outcome.Should().Be(MirrorCopyOutcome.Unverified);
        nothing.Detail.Should().Contain("no SHA-256 and no MD5");
    }

    private static DriveFile File(long? size, string? md5, string? sha256) =>
        new() { Id = "f1", Size = size, Md5Checksum = md5, Sha256Checksum = sha256 };
}
