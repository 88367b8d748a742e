using Microsoft.Extensions.Time.Testing;

namespace VideoVault.Tests.Storage;

/// <summary>The contract, run against the real thing: <c>LocalVideoStore</c> over a SQLite manifest in a temp folder.</summary>
public sealed class LocalVideoStoreContractTests : VideoStoreContractTests<LocalVideoStoreContractTests.Fixture>
{
    public sealed class Fixture : IVideoStoreFixture
    {
        private readonly TempDirectory _directory = new();
        private readonly StoreHarness _harness;

        // Each clock reading moves on a second, so "newest first" has a well-defined answer.
        public Fixture() => _harness = new StoreHarness(
            _directory.Path,
            timeProvider: new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) });

        public IVideoStore Store => _harness.Store;

        public long MaxFileSizeBytes => _harness.Options.MaxFileSizeBytes;

        public async ValueTask DisposeAsync()
        {
            await _harness.DisposeAsync();
            _directory.Dispose();
        }
    }
}
