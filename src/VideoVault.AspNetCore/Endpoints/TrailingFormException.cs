namespace VideoVault.AspNetCore.Endpoints;

/// <summary>The parts after a multipart upload's file were not the small text fields allowed there; its message is client-safe.</summary>
internal sealed class TrailingFormException(string message) : Exception(message);
