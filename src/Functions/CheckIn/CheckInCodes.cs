using System.Security.Cryptography;
using QRCoder;

namespace GoodThings.CheckIn;

/// <summary>
/// A check-in link drawn as a QR code: the PNG, the width in CSS pixels an email shows it at, and the Content-ID the
/// email's HTML refers to it by.
/// </summary>
public sealed record CheckInCode(string Url, byte[] Png, int DisplayWidth, string ContentId)
{
    private const string FileName = "check-in.png";

    /// <summary>The PNG as an inline attachment, shown where the HTML says <c>cid:</c><see cref="ContentId"/>.</summary>
    public EmailAttachment Attachment() => EmailAttachment.Inline(FileName, "image/png", Png, ContentId);
}

/// <summary>
/// Draws check-in links as QR codes with QRCoder's <see cref="PngByteQRCode"/>, which writes the PNG itself (no
/// System.Drawing, so it runs on Linux). Error correction M (15 %) survives a cracked or smudged phone screen while
/// keeping the code small. A link of about 200 characters makes a version 10 code, 57 modules plus a 4-module
/// quiet zone. Each module is 4 CSS pixels on screen (about 260 px, which fits a 320 px wide phone's mail app and
/// scans from an arm's length) and drawn at 8 pixels, so it stays sharp on high-density screens.
/// </summary>
public static class CheckInCodes
{
    public const int PixelsPerModule = 8;

    public const int CssPixelsPerModule = 4;

    public static CheckInCode Render(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var code = new PngByteQRCode(data);
        var png = code.GetGraphic(PixelsPerModule);
        // ModuleMatrix includes the quiet zone the graphic draws.
        return new CheckInCode(url, png, data.ModuleMatrix.Count * CssPixelsPerModule, ContentId(url));
    }

    /// <summary>
    /// The Content-ID an email refers to the image by (<c>cid:</c>). It names the link's content, so it is unique
    /// per code as RFC 2045 asks, and the same code always has the same id.
    /// </summary>
    public static string ContentId(string url) =>
        $"check-in-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..24]}@goodthings";
}
