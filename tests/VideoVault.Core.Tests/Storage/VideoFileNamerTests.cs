using System.Text;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class VideoFileNamerTests
{
    private static readonly DateTimeOffset s_at = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static TheoryData<string> HostileNames() => new()
    {
        "../../x.mp4",
        @"C:\x\..\a.mp4",
        "C:a.mp4",
        "/etc/passwd",
        "a\0b.mp4",
        "evil\u202Egnp.mp4",
        "zero\u200Bwidth\uFEFF.mp4",
        new string('a', 300) + ".mp4",
        "CON.mp4",
        "nul",
        "com1.mp4",
        "e\u0301te\u0301.mp4",
        "..",
        "",
        "line\r\nbreak.mp4",
        "\ud800broken-surrogate.mp4",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Stored_name_from_a_hostile_name_has_no_path_parts_controls_or_bidi_and_fits(string hostile)
    {
        var name = VideoFileNamer.Compose(s_at, "General", VideoFileNamer.SanitizeStem(hostile), "mp4");

        name.Should().StartWith("20250314_150926_General_").And.EndWith(".mp4");
        name.Should().NotContainAny("/", "\\", ":", "\0", "..");
        name.Should().NotContain("\u202E").And.NotContain("\u200B").And.NotContain("\uFEFF").And.NotContain("\r");
        name.Any(char.IsControl).Should().BeFalse();
        name.IsNormalized(NormalizationForm.FormC).Should().BeTrue();
        Encoding.UTF8.GetByteCount(name).Should().BeLessThanOrEqualTo(VideoFileNamer.MaxStoredNameBytes);
        Path.GetFileName(name).Should().Be(name);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Original_name_from_a_hostile_name_is_a_single_clean_segment(string hostile)
    {
        var original = VideoFileNamer.SanitizeOriginalName(hostile);

        original.Should().NotBeEmpty();
        original.Should().NotContainAny("/", "\\", "\0", "\u202E");
        original.Any(char.IsControl).Should().BeFalse();
        original.IsNormalized(NormalizationForm.FormC).Should().BeTrue();
        original.Length.Should().BeLessThanOrEqualTo(VideoFileNamer.MaxOriginalNameLength);
    }

    [Fact]
    public void Traversal_name_keeps_only_its_last_segment()
    {
        VideoFileNamer.SanitizeStem("../../x.mp4").Should().Be("x");
        VideoFileNamer.SanitizeStem(@"C:\x\..\a.mp4").Should().Be("a");
        VideoFileNamer.SanitizeOriginalName(@"C:\x\..\a.mp4").Should().Be("a.mp4");
    }

    [Fact]
    public void Right_to_left_override_is_stripped_so_the_name_cannot_fake_its_extension()
    {
        VideoFileNamer.SanitizeOriginalName("evil\u202Egnp.exe").Should().Be("evilgnp.exe");
    }

    [Fact]
    public void Decomposed_input_is_stored_composed()
    {
        VideoFileNamer.SanitizeStem("e\u0301te\u0301.mp4").Should().Be("\u00E9t\u00E9");
    }

    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("e\u0323\u0302", "\u1EC7")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("caf\u00E9", "caf\u00E9")]
    public void Nfc_composes_decomposed_text_even_without_icu(string input, string expected)
    {
        NfcNormalizer.Normalize(input).Should().Be(expected);
    }

    [Theory]
    [InlineData("CON.mp4")]
    [InlineData("con.mp4")]
    [InlineData("LPT9.mp4")]
    [InlineData("AUX")]
    public void Windows_reserved_device_names_are_neutralised(string name)
    {
        var stem = VideoFileNamer.SanitizeStem(name);
        stem.Should().StartWith("_");
        VideoFileNamer.SanitizeOriginalName(name).Should().StartWith("_");
    }

    [Fact]
    public void Long_stem_is_capped_at_100_characters()
    {
        VideoFileNamer.SanitizeStem(new string('a', 300) + ".mp4").Should().HaveLength(VideoFileNamer.MaxStemLength);
    }

    [Fact]
    public void Multibyte_stem_is_shortened_to_fit_200_bytes_without_splitting_characters()
    {
        var stem = VideoFileNamer.SanitizeStem(string.Concat(Enumerable.Repeat("\U0001F3AC映画", 60)) + ".mp4");

        var name = VideoFileNamer.Compose(s_at, "General", stem, "mp4", attempt: 12);

        Encoding.UTF8.GetByteCount(name).Should().BeLessThanOrEqualTo(200);
        name.Should().EndWith("_12.mp4");
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)).Should().Be(name);
    }

    [Fact]
    public void Category_is_reduced_to_a_plain_label_without_underscores()
    {
        VideoFileNamer.SanitizeCategory("../Tutorial_Videos\u202E", "General").Should().Be("Tutorial-Videos");
        VideoFileNamer.SanitizeCategory("   ", "General").Should().Be("General");
        VideoFileNamer.SanitizeCategory(null, "General").Should().Be("General");
        VideoFileNamer.SanitizeCategory(new string('x', 80), "General").Should().HaveLength(VideoFileNamer.MaxCategoryLength);
    }

    [Fact]
    public void Collision_attempts_append_a_numeric_suffix_before_the_extension()
    {
        VideoFileNamer.Compose(s_at, "Tutorial", "intro", "webm").Should().Be("20250314_150926_Tutorial_intro.webm");
        VideoFileNamer.Compose(s_at, "Tutorial", "intro", "webm", 2).Should().Be("20250314_150926_Tutorial_intro_2.webm");
    }

    [Fact]
    public void Stored_name_parses_back_into_timestamp_category_and_original_name()
    {
        var name = VideoFileNamer.Compose(s_at, "Tutorial", "my_intro", "mp4");

        VideoFileNamer.TryParse(name, out var at, out var category, out var original).Should().BeTrue();

        at.Should().Be(s_at);
        category.Should().Be("Tutorial");
        original.Should().Be("my_intro.mp4");
        VideoFileNamer.TryParse("holiday.mp4", out _, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Shard_folder_is_year_and_month_of_the_utc_time()
    {
        VideoFileNamer.ShardFolder(s_at).Should().Be("videos/2025/03");
    }
}
