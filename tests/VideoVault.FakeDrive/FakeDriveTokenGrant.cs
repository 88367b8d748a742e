namespace VideoVault.FakeDrive;

/// <summary>An access token the fake's <c>/token</c> endpoint issued.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="GrantType">The grant used (<c>urn:ietf:params:oauth:grant-type:jwt-bearer</c> or <c>refresh_token</c>).</param>
/// <param name="Client">The service account's <c>client_email</c> or the OAuth client id.</param>
/// <param name="Scope">The <c>scope</c> claim, when the grant carried one.</param>
/// <param name="Subject">The <c>sub</c> claim: the impersonated user under domain-wide delegation.</param>
public sealed record FakeDriveTokenGrant(string AccessToken, string GrantType, string Client, string? Scope, string? Subject);
