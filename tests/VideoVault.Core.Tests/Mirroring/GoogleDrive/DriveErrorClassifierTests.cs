using VideoVault.Mirroring;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Tests.Mirroring.GoogleDrive;

public sealed class DriveErrorClassifierTests
{
    private const string SecretPath = "/srv/videovault/videos/2025/03/clip.mp4";

    [Fact]
    public void Local_read_failure_during_an_upload_is_classified_as_local_not_as_a_network_error_and_hides_the_path()
    {
        var failure = new LocalFileReadException(new IOException($"Input/output error : '{SecretPath}'", 5));

        var error = DriveErrorClassifier.FromException(DriveOperation.UploadSession, failure, null, "folder");

        error.Kind.Should().Be(DriveErrorKind.Transient);
        error.Reason.Should().Be(DriveErrorClassifier.LocalReadReason);
        error.Message.Should().Be("The local file could not be read (IOException).");
    }

    [Fact]
    public void Network_error_message_names_the_exception_type_but_not_its_message()
    {
        var error = DriveErrorClassifier.FromException(DriveOperation.Metadata, new IOException($"failed on '{SecretPath}'"), null, "folder");

        error.Message.Should().Be("Network error talking to Drive (IOException).");
    }
}
