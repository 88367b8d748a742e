using System.Net;
using System.Text.Json;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>Uploads through the real endpoint, for tests whose subject is what comes after.</summary>
internal static class Uploads
{
    public static async Task<JsonElement> UploadAsync(this HttpClient client, string fileName, byte[] video, string? category = null)
    {
        var body = new MultipartBody();
        if (category is not null)
        {
            body.Field("content_type", category);
        }

        body.File("video", fileName, video);
        using var response = await client.PostAsync("/api/upload-video", body.ToContent());
        return await response.JsonAsync(HttpStatusCode.Created);
    }
}
