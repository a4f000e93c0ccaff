using System.Text.Json.Nodes;
using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace GoodThings.CheckIn;

/// <summary>Reads QR codes out of emails: PNG to grey pixels (StbImageSharp), then ZXing.</summary>
public static partial class QrCodes
{
    /// <summary>
    /// The image is the code exactly as drawn (square, upright, in its quiet zone), so it is read as a pure barcode:
    /// ZXing's camera-picture detector, searching for finder patterns, misreads about 1 in 80 of these valid codes
    /// (3,000 random check-in links: 39 missed by the detector, every one read as a pure barcode).
    /// </summary>
    /// <returns>The text the code holds, or null when no QR code is found.</returns>
    public static string? Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = true } };
        return reader.Decode(source)?.Text;
    }

    /// <summary>The Content-IDs the HTML part shows images by (<c>src="cid:…"</c>).</summary>
    public static IReadOnlyList<string> ImageContentIds(string html) => [.. CidSource().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The email's inline attachments, by Content-ID, with their JSON as the SendGrid API received it.</summary>
    public static IReadOnlyDictionary<string, JsonNode> InlineAttachments(this SendGridCall call) =>
        (call.Body["attachments"]?.AsArray() ?? []).Where(a => (string?)a!["disposition"] == "inline")
            .ToDictionary(a => (string)a!["content_id"]!, a => a!);

    /// <summary>The check-in link in the email's QR code: the one image the HTML shows, found among the inline attachments and decoded.</summary>
    public static string CheckInLinkInQrCode(this SendGridCall call)
    {
        var contentId = Assert.Single(ImageContentIds(call.Html()));
        var attachment = call.InlineAttachments()[contentId];
        Assert.Equal("image/png", (string?)attachment["type"]);
        var link = Decode(Convert.FromBase64String((string)attachment["content"]!));
        Assert.True(link is not null, "the inline image holds no QR code ZXing can read");
        return link;
    }

    [GeneratedRegex("<img [^>]*src=\"cid:([^\"]+)\"")]
    private static partial Regex CidSource();
}
