using VideoVault.AspNetCore.Endpoints;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class ContentDispositionValueTests
{
    [Theory]
    [InlineData("intro.mp4", "inline; filename=\"intro.mp4\"")]
    [InlineData("a \"b\" c.mp4", "inline; filename=\"a _b_ c.mp4\"; filename*=UTF-8''a%20%22b%22%20c.mp4")]
    [InlineData("a\\b.mp4", "inline; filename=\"a_b.mp4\"; filename*=UTF-8''a%5Cb.mp4")]
    [InlineData("50%.mp4", "inline; filename=\"50_.mp4\"; filename*=UTF-8''50%25.mp4")]
    [InlineData("été.mp4", "inline; filename=\"_t_.mp4\"; filename*=UTF-8''%C3%A9t%C3%A9.mp4")]
    [InlineData("🎬.mp4", "inline; filename=\"_.mp4\"; filename*=UTF-8''%F0%9F%8E%AC.mp4")]
    [InlineData("a\r\nb.mp4", "inline; filename=\"a__b.mp4\"; filename*=UTF-8''a%0D%0Ab.mp4")]
    [InlineData("a;b,c.mp4", "inline; filename=\"a_b_c.mp4\"; filename*=UTF-8''a%3Bb%2Cc.mp4")]
    [InlineData("", "inline; filename=\"video\"")]
    public void The_value_is_a_quoted_ASCII_fallback_and_an_exact_RFC_8187_name_when_they_differ(string name, string expected)
    {
        ContentDispositionValue.Format(ContentDispositionValue.Inline, name).Should().Be(expected);
    }

    [Fact]
    public void The_attr_chars_of_RFC_8187_are_not_encoded()
    {
        ContentDispositionValue.Format(ContentDispositionValue.Attachment, "é!#$&+-.^_`|~aZ9")
            .Should().EndWith("filename*=UTF-8''%C3%A9!#$&+-.^_`|~aZ9");
    }
}
