namespace GoodThings.Templates.Emails;

/// <summary>
/// A confirmed person's check-in QR code, sent with the email as an inline image: templates show it with
/// <c>&lt;img src="cid:{content_id}"&gt;</c> and write the link it holds below it, for mail clients that block images.
/// </summary>
/// <param name="Url">The check-in link the code holds.</param>
/// <param name="ContentId">The Content-ID of the image attached to the email.</param>
/// <param name="Width">The width (and height) in CSS pixels to show it at.</param>
public sealed record CheckInImage(string Url, string ContentId, int Width);
