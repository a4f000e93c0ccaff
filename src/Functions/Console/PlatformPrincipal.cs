using System.Text.Json.Serialization;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The <c>X-MS-CLIENT-PRINCIPAL</c> header App Service Authentication adds: base64 of
/// <c>{"auth_typ":"aad","claims":[{"typ":"…","val":"…"}],"name_typ":"…","role_typ":"…"}</c>
/// (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
/// </summary>
public sealed record PlatformPrincipal(string? Name, string? Id, IReadOnlyList<(string Type, string Value)> Claims, string? RoleType)
{
    private const string RolesClaim = "roles";

    /// <summary>
    /// Entra ID app roles arrive as claims typed <c>roles</c>, one per role, while <c>role_typ</c> names another type, so
    /// IsInRole misses them (Azure/azure-functions-host#3898); both types are accepted.
    /// </summary>
    public bool HasRole(string role) =>
        Claims.Any(claim => (claim.Type == RolesClaim || (RoleType is not null && claim.Type == RoleType)) && claim.Value == role);

    /// <returns>The principal, or null when the header is absent or not what the platform sends.</returns>
    public static PlatformPrincipal? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            var body = JsonSerializer.Deserialize<Body>(Convert.FromBase64String(header));
            if (body?.Claims is null)
            {
                return null;
            }

            var claims = body.Claims.Where(c => c.Typ is not null && c.Val is not null).Select(c => (c.Typ!, c.Val!)).ToList();
            string? First(params string?[] types) => claims.FirstOrDefault(c => types.Contains(c.Item1)).Item2;
            return new PlatformPrincipal(
                First(body.NameTyp, "name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"),
                First("http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"),
                claims,
                body.RoleTyp);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Body(
        [property: JsonPropertyName("claims")] List<Claim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameTyp,
        [property: JsonPropertyName("role_typ")] string? RoleTyp);

    private sealed record Claim([property: JsonPropertyName("typ")] string? Typ, [property: JsonPropertyName("val")] string? Val);
}
