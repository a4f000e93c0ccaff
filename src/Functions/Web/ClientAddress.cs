using System.Net;

namespace GoodThings.Web;

/// <summary>The address a request came from, as consent records keep it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// Behind Azure's front ends the connection is the platform's, and the client is the address the platform
    /// appended last to <c>X-Forwarded-For</c>; earlier entries are whatever the client claimed, so they are ignored.
    /// This trusts exactly one proxy, as deployed by infra/ (no CDN or gateway in front of the app): with another
    /// in front, the last entry is that proxy's address. With none (the local runner), a client can claim any address.
    /// </summary>
    public static string? Of(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (forwarded.Length > 0 && IPEndPoint.TryParse(forwarded[^1], out var endPoint))
        {
            return endPoint.Address.ToString();
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString();
    }
}
