using Microsoft.AspNetCore.Http;

namespace VideoVault.AspNetCore.Tus;

/// <summary>Where the tus routes and the video-info route live under the group's prefix (before the request's path base).</summary>
internal sealed record TusRoutes(PathString Uploads, PathString VideoInfo)
{
    public const string UploadsSegment = "/uploads";
}
