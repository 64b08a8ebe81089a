namespace Foreningsbro.Web.Features.Messages;

/// <summary>
/// How many SMS a text costs. GSM 03.38's basic set (which holds æ, ø, å, Æ, Ø, Å, é, ä, ö, ü …) costs
/// one septet a character and its extension (€ [ ] { } \ ^ ~ |) two; 160 septets fit one SMS, 153 each of a
/// longer one. One character outside both (an en dash, a curly quote, an emoji) makes the whole text
/// UCS-2: 70 characters, 67 each of a longer one.
/// </summary>
public static class Sms
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal));

    public static int Segments(string text)
    {
        if (text.Length == 0)
        {
            return 1;
        }

        if (IsGsm7(text))
        {
            var septets = text.Sum(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }

        return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
    }
}
