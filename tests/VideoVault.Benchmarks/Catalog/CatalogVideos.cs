using System.Globalization;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// The records of a made-up catalog, as a team's store holds them after a year: names as people give them (lectures,
/// offsites, phone clips, screen recordings, a few in other scripts), categories in uneven shares, <c>created_at</c>
/// spread over the year, mostly mirrored with some pending, retrying, failed and never mirrored, and the local copies
/// of old mirrored videos partly cleaned up. Stored names, shards, ids and sanitising come from the store's own code.
/// The same seed gives the same names and states; the times follow the year that ends at <c>yearEnd</c>.
/// </summary>
internal sealed class CatalogVideos(int count, DateTimeOffset yearEnd, int seed = 2026)
{
    /// <summary>The search with about 1 % hits: exactly one record in every hundred has it in its name.</summary>
    public const string FrequentSearch = "lecture-7";

    /// <summary>A search no record matches (no template holds it), so the answer is empty.</summary>
    public const string MissingSearch = "zebra-crossing";

    private const int FrequentSlot = 7;
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    private static readonly (string Category, int Weight)[] s_categories =
    [
        ("Lecture", 30), ("Meeting", 18), ("General", 12), ("Tutorial", 10), ("Interview", 8), ("Event", 7),
        ("Demo", 6), ("Marketing", 4), ("Training", 3), ("Webinar", 2),
    ];

    private static readonly string[] s_extensions = ["mp4", "mp4", "mp4", "MP4", "mov", "MOV", "mkv", "webm", "m4v", "avi"];
    private static readonly string[] s_topics = ["intro", "part 2", "Q&A", "recap", "exercises", "final", "draft", "slides walkthrough", "(1)", "v2"];
    private static readonly string[] s_people = ["anna", "Bjørn", "chloé", "dmitri", "eva", "farah", "gustavo", "hiro", "ines", "jonas", "Zoë", "李明"];

    // Lecture numbers never start with 7, so only the frequent slot's names contain "lecture-7".
    private static readonly int[] s_lectures = [.. Enumerable.Range(1, 60).Where(n => !n.ToString(CultureInfo.InvariantCulture).StartsWith('7'))];

    public int Count { get; } = count;

    public DateTimeOffset YearStart { get; } = yearEnd - Year;

    /// <summary>How many records a search for <see cref="FrequentSearch"/> finds among the first <paramref name="count"/>.</summary>
    public static long FrequentSearchHits(int count) => (count / 100) + (count % 100 > FrequentSlot ? 1 : 0);

    /// <summary>The records, oldest first; <c>created_at</c> strictly increases, so every stored name is unique.</summary>
    public IEnumerable<VideoRecord> Generate()
    {
        var random = new Random(seed);
        var step = Year.Ticks / Math.Max(1, Count);
        var namesThisSecond = new HashSet<string>(StringComparer.Ordinal);
        var second = long.MinValue;
        for (var i = 0; i < Count; i++)
        {
            var createdAt = YearStart.AddTicks((step * i) + random.NextInt64(Math.Max(1, step)));
            createdAt = new DateTimeOffset(createdAt.UtcTicks - (createdAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var category = PickCategory(random);
            var extension = s_extensions[random.Next(s_extensions.Length)];
            var originalName = i % 100 == FrequentSlot ? FrequentName(random, extension) : OrdinaryName(random, category, createdAt, extension);
            var signature = SignatureOf(extension);

            var thisSecond = createdAt.UtcTicks / TimeSpan.TicksPerSecond;
            if (thisSecond != second)
            {
                second = thisSecond;
                namesThisSecond.Clear();
            }

            var storedCategory = VideoFileNamer.SanitizeCategory(category, "General");
            var stem = VideoFileNamer.SanitizeStem(originalName);
            string storedName;
            for (var attempt = 1; !namesThisSecond.Add(storedName = VideoFileNamer.Compose(createdAt, storedCategory, stem, signature.Extension, attempt)); attempt++)
            {
            }

            var age = yearEnd - createdAt;
            var mirror = PickMirrorStatus(random, createdAt, age);
            yield return new VideoRecord
            {
                Id = Guid.CreateVersion7(createdAt).ToString("N"),
                StoredName = storedName,
                RelativePath = VideoFileNamer.ShardFolder(createdAt) + "/" + storedName,
                OriginalFileName = VideoFileNamer.SanitizeOriginalName(originalName),
                Category = storedCategory,
                MimeType = signature.MimeType,
                Container = signature.Container,
                SizeBytes = (long)Math.Exp(random.NextDouble() * (Math.Log(4L << 30) - Math.Log(2L << 20)) + Math.Log(2L << 20)),
                Sha256 = Convert.ToHexStringLower(RandomBytes(random, 32)),
                CreatedAt = createdAt,
                // Cleanup removes the local copies of videos verified on the mirror; here 40 % of those older than half a year.
                LocalState = mirror.State == MirrorState.Mirrored && age > TimeSpan.FromDays(182) && random.Next(10) < 4
                    ? LocalCopyState.Removed
                    : LocalCopyState.Present,
                Mirror = mirror,
                IdempotencyKey = random.Next(10) < 3 ? new Guid(RandomBytes(random, 16)).ToString() : null,
            };
        }
    }

    private static string FrequentName(Random random, string extension) => random.Next(4) switch
    {
        0 => $"lecture-7 {s_topics[random.Next(s_topics.Length)]}.{extension}",
        1 => $"Lecture-7 – {s_people[random.Next(s_people.Length)]}.{extension}",
        2 => $"CS101 lecture-7 recording.{extension}",
        _ => $"lecture-7.{extension}",
    };

    private static string OrdinaryName(Random random, string category, DateTimeOffset at, string extension)
    {
        var day = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return category switch
        {
            "Lecture" => $"lecture-{s_lectures[random.Next(s_lectures.Length)]} {s_topics[random.Next(s_topics.Length)]}.{extension}",
            "Meeting" => random.Next(3) switch
            {
                0 => $"Standup {day}.{extension}",
                1 => $"Team offsite {at.Year} — day {random.Next(1, 4)}.{extension}",
                _ => $"Sprint review {random.Next(1, 60)}.{extension}",
            },
            "Interview" => $"interview_{s_people[random.Next(s_people.Length)]}_{day}.{extension}",
            "Event" => random.Next(2) == 0 ? $"Sommerfest Café Übersee {at.Year}.{extension}" : $"年会 {at.Year} 精彩片段.{extension}",
            "Demo" => $"Product demo v{random.Next(1, 9)}.{random.Next(0, 20)}.{extension}",
            "Tutorial" => $"How to {s_topics[random.Next(s_topics.Length)]} — {s_people[random.Next(s_people.Length)]}.{extension}",
            _ => random.Next(3) switch
            {
                0 => $"IMG_{random.Next(1000, 9999)}.{extension}",
                1 => $"GOPR{random.Next(1000, 9999)}.{extension}",
                _ => $"Screen Recording {day} at {at:HH.mm.ss}.{extension}",
            },
        };
    }

    private static string PickCategory(Random random)
    {
        var total = s_categories.Sum(c => c.Weight);
        var pick = random.Next(total);
        foreach (var (category, weight) in s_categories)
        {
            if ((pick -= weight) < 0)
            {
                return category;
            }
        }

        return s_categories[^1].Category;
    }

    /// <summary>The newest videos are still queued or being uploaded; older ones mirrored, some retrying or failed.</summary>
    private static MirrorStatus PickMirrorStatus(Random random, DateTimeOffset createdAt, TimeSpan age)
    {
        if (age < TimeSpan.FromHours(6))
        {
            return random.Next(20) == 0 ? new MirrorStatus { State = MirrorState.Uploading, Attempts = 1 } : MirrorStatus.Pending;
        }

        var roll = random.Next(1000);
        if (roll < 50)
        {
            return MirrorStatus.Disabled;
        }

        if (roll < 65)
        {
            return new MirrorStatus
            {
                State = MirrorState.Retrying,
                Attempts = random.Next(1, 6),
                LastError = "Drive answered 503 backendError: Backend Error",
                NextAttemptAt = createdAt + TimeSpan.FromMinutes(random.Next(1, 300)),
            };
        }

        if (roll < 72)
        {
            return new MirrorStatus
            {
                State = MirrorState.Failed,
                Attempts = 25,
                LastError = "Gave up after 25 attempts; last error: Drive answered 403 storageQuotaExceeded",
            };
        }

        var remoteId = "1" + Convert.ToHexStringLower(RandomBytes(random, 16));
        return new MirrorStatus
        {
            State = MirrorState.Mirrored,
            Attempts = random.Next(10) == 0 ? 2 : 1,
            RemoteFileId = remoteId,
            RemoteLink = $"https://drive.google.com/file/d/{remoteId}/view",
            MirroredAt = createdAt + TimeSpan.FromSeconds(random.Next(20, 1800)),
        };
    }

    private static VideoSignature SignatureOf(string extension) => extension.ToLowerInvariant() switch
    {
        "mov" => new VideoSignature(VideoContainer.QuickTime, "video/quicktime", "mov"),
        "mkv" => new VideoSignature(VideoContainer.Matroska, "video/x-matroska", "mkv"),
        "webm" => new VideoSignature(VideoContainer.WebM, "video/webm", "webm"),
        "m4v" => new VideoSignature(VideoContainer.Mp4, "video/x-m4v", "m4v"),
        "avi" => new VideoSignature(VideoContainer.Avi, "video/x-msvideo", "avi"),
        _ => new VideoSignature(VideoContainer.Mp4, "video/mp4", "mp4"),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
