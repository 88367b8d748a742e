using System.Globalization;
using System.Reflection;
using System.Text;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class VideoSignatureSnifferTests
{
    public static TheoryData<string, VideoContainer, string, string> Videos() => new()
    {
        { nameof(TestVideos.Mp4), VideoContainer.Mp4, "video/mp4", "mp4" },
        { nameof(TestVideos.M4v), VideoContainer.Mp4, "video/x-m4v", "m4v" },
        { nameof(TestVideos.QuickTime), VideoContainer.QuickTime, "video/quicktime", "mov" },
        { nameof(TestVideos.LegacyQuickTime), VideoContainer.QuickTime, "video/quicktime", "mov" },
        { nameof(TestVideos.ThreeGpp), VideoContainer.ThreeGpp, "video/3gpp", "3gp" },
        { nameof(TestVideos.ThreeGpp2), VideoContainer.ThreeGpp, "video/3gpp2", "3g2" },
        { nameof(TestVideos.WebM), VideoContainer.WebM, "video/webm", "webm" },
        { nameof(TestVideos.Matroska), VideoContainer.Matroska, "video/x-matroska", "mkv" },
        { nameof(TestVideos.Avi), VideoContainer.Avi, "video/x-msvideo", "avi" },
        { nameof(TestVideos.MpegTransportStream), VideoContainer.MpegTransportStream, "video/mp2t", "ts" },
        { nameof(TestVideos.M2ts), VideoContainer.MpegTransportStream, "video/mp2t", "m2ts" },
        { nameof(TestVideos.MpegProgramStream), VideoContainer.MpegProgramStream, "video/mpeg", "mpg" },
        { nameof(TestVideos.Flv), VideoContainer.Flv, "video/x-flv", "flv" },
        { nameof(TestVideos.Asf), VideoContainer.Asf, "video/x-ms-asf", "asf" },
    };

    [Theory]
    [MemberData(nameof(Videos))]
    public void Each_allowed_container_is_recognised_with_its_mime_type_and_extension(string sample, VideoContainer container, string mime, string extension)
    {
        // OptionalParamBinding: some generators also take a seed, left at its default.
        var bytes = (byte[])typeof(TestVideos).InvokeMember(
            sample, BindingFlags.InvokeMethod | BindingFlags.Public | BindingFlags.Static | BindingFlags.OptionalParamBinding, null, null, [4096], CultureInfo.InvariantCulture)!;

        var signature = VideoSignatureSniffer.Sniff(bytes.AsSpan(0, VideoSignatureSniffer.HeaderLength));

        signature.Container.Should().Be(container);
        signature.MimeType.Should().Be(mime);
        signature.Extension.Should().Be(extension);
    }

    [Fact]
    public void Tiny_files_shorter_than_the_sniff_window_are_still_recognised()
    {
        VideoSignatureSniffer.Sniff(TestVideos.Mp4(40)).Container.Should().Be(VideoContainer.Mp4);
        VideoSignatureSniffer.Sniff(TestVideos.WebM(60)).Container.Should().Be(VideoContainer.WebM);
        VideoSignatureSniffer.Sniff(TestVideos.Avi(24)).Container.Should().Be(VideoContainer.Avi);
    }

    [Fact]
    public void Text_file_is_not_a_video()
    {
        VideoSignatureSniffer.Sniff(TestVideos.Text()).IsVideo.Should().BeFalse();
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>hi</body></html>")]
    [InlineData("MZ\u0090\0\u0003\0\0\0 a PE executable")]
    [InlineData("%PDF-1.7")]
    [InlineData("RIFF\u0010\0\0\0WAVEfmt ")]
    [InlineData("G")]
    public void Other_file_types_are_not_videos(string content)
    {
        VideoSignatureSniffer.Sniff(Encoding.Latin1.GetBytes(content)).Container.Should().Be(VideoContainer.Unknown);
    }

    [Fact]
    public void Audio_only_mpeg4_is_not_a_video()
    {
        VideoSignatureSniffer.Sniff(TestVideos.M4aAudio()).Container.Should().Be(VideoContainer.Unknown);
    }

    [Fact]
    public void A_single_sync_byte_is_not_taken_for_a_transport_stream()
    {
        var bytes = TestVideos.Text(4096);
        bytes[0] = 0x47;

        VideoSignatureSniffer.Sniff(bytes).Container.Should().Be(VideoContainer.Unknown);
    }

    [Fact]
    public void Matroska_with_an_unknown_doc_type_is_refused()
    {
        var bytes = TestVideos.WebM();
        Encoding.ASCII.GetBytes("evil").CopyTo(bytes, 24);

        VideoSignatureSniffer.Sniff(bytes).Container.Should().Be(VideoContainer.Unknown);
    }

    [Fact]
    public void Empty_input_is_not_a_video()
    {
        VideoSignatureSniffer.Sniff([]).Container.Should().Be(VideoContainer.Unknown);
    }
}
