namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Settings of the Google Drive mirror, bound from the <c>VideoVault:Drive</c> configuration section
/// (environment variables: <c>VideoVault__Drive__Enabled</c>, <c>VideoVault__Drive__CredentialsPath</c>, ...).
/// </summary>
public sealed class GoogleDriveMirrorOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "VideoVault:Drive";

    /// <summary>The <c>drive.file</c> scope: only files this app created or opened. The default.</summary>
    public const string DriveFileScope = "https://www.googleapis.com/auth/drive.file";

    /// <summary>The full <c>drive</c> scope.</summary>
    public const string DriveScope = "https://www.googleapis.com/auth/drive";

    /// <summary>The smallest chunk, and the granularity every chunk size must be a multiple of: 256 KiB.</summary>
    public const int ChunkGranularity = 256 * 1024;

    /// <summary>Whether videos are mirrored to Drive. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The path of the credentials JSON: a service-account key (<c>"type": "service_account"</c>) or an OAuth user
    /// credential with a refresh token (<c>"type": "authorized_user"</c>). Required when enabled.
    /// </summary>
    public string? CredentialsPath { get; set; }

    /// <summary>
    /// The id of the Drive folder the videos go to (the last part of the folder's URL). Required when enabled. For a
    /// service account it must be in a shared drive the account is a member of, unless <see cref="ImpersonateUser"/> is set.
    /// </summary>
    public string? FolderId { get; set; }

    /// <summary>
    /// For a service-account key with domain-wide delegation: the Workspace user to act as (the files then use that
    /// user's quota). Default: none.
    /// </summary>
    public string? ImpersonateUser { get; set; }

    /// <summary>The OAuth scope requested for a service account. Default: <see cref="DriveFileScope"/>.</summary>
    public string Scope { get; set; } = DriveFileScope;

    /// <summary>The size of each upload request, a multiple of 256 KiB. Default: 8 MiB.</summary>
    public int ChunkSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How many videos are uploaded at the same time. Default: 2.</summary>
    public int MaxParallelUploads { get; set; } = 2;

    /// <summary>
    /// The root of the Google APIs, ending with <c>/</c>: requests go to <c>{BaseUri}drive/v3/...</c> and
    /// <c>{BaseUri}upload/drive/v3/...</c>. Change it only for a test server or an emulator. Default: <c>https://www.googleapis.com/</c>.
    /// </summary>
    public Uri BaseUri { get; set; } = new("https://www.googleapis.com/");

    /// <summary>How many attempts a video gets for transient errors before it is marked failed. Default: 25.</summary>
    public int MaxAttempts { get; set; } = 25;

    /// <summary>The first retry delay; it doubles (with jitter) up to <see cref="MaxBackoff"/>. Default: 1 second.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay. Default: 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the mirror looks at the queue when nothing wakes it: the most it takes to notice work queued by
    /// another process, such as the admin tool's <c>retry</c>, or a video its <c>reconcile</c> adopted (the tool
    /// records those as <c>disabled</c>; the mirror queues every <c>disabled</c> video it finds). Default: 30 seconds.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long all uploads pause after Drive's daily upload cap (<c>uploadLimitExceeded</c>) when Drive sends no
    /// <c>Retry-After</c>. Default: null, which pauses until shortly after the next UTC midnight.
    /// </summary>
    public TimeSpan? UploadLimitPause { get; set; }

    /// <summary>
    /// How long one HTTP request may take. Default: null, which sizes it to the chunk (at least 100 seconds, and enough
    /// for a chunk at 64 KiB/s).
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>The application name sent in the User-Agent. Default: <c>VideoVault</c>.</summary>
    public string ApplicationName { get; set; } = "VideoVault";

    /// <summary>
    /// How long the upload endpoint waits for the mirror before answering (0 = do not wait; the mirror runs in the
    /// background). Default: 0.
    /// </summary>
    public int WaitForMirrorSeconds { get; set; }

    /// <summary>
    /// Whether the host re-checks the mirrored copies on Drive in the background (size, MD5 and SHA-256 against the
    /// manifest), least recently checked first, one every <see cref="CopyCheckInterval"/>: a copy that is gone or wrong
    /// is uploaded again from the local copy, or raised as lost when there is none. Default: true.
    /// </summary>
    public bool CheckCopiesInBackground { get; set; } = true;

    /// <summary>
    /// The pause between two background checks of mirrored copies (each is one metadata request to Drive). It sets the
    /// pace: one copy per interval, so a full pass over N copies takes N × this. Default: 1 minute.
    /// </summary>
    public TimeSpan CopyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How old a copy's last check may get before the background check looks at it again (its upload's own verification
    /// counts as a check). When every copy was checked more recently, the background check sleeps until the oldest one
    /// reaches this age. Default: 30 days.
    /// </summary>
    public TimeSpan CopyCheckMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Whether a local copy that verification finds missing or corrupt is restored from its verified Drive copy at
    /// once, and videos flagged missing are restored in the background after the host starts. Needs
    /// <see cref="Enabled"/>. Default: false (restore on demand with <c>videovault restore</c> or
    /// <c>IVideoMaintenance.RestoreAsync</c>).
    /// </summary>
    public bool RestoreAutomatically { get; set; }

    /// <summary>
    /// How many download requests in a row may fail without bringing a byte more to disk before a restore gives up
    /// (a request that made progress resets the count; waits follow <see cref="InitialBackoff"/> and
    /// <see cref="MaxBackoff"/>, never shorter than Drive's Retry-After). Default: 6.
    /// </summary>
    public int RestoreMaxAttempts { get; set; } = 6;
}
