using System.Buffers.Binary;

namespace Foreningsbro.Web.Features.Catalogue.OpenReferral;

/// <summary>What an Open Referral id names: each kind of record gets its own ids.</summary>
public enum HsdsKind : ushort
{
    Organization = 1,
    Service = 2,
    Location = 3,
    ServiceAtLocation = 4,
    Schedule = 5,
    Taxonomy = 6,
    TaxonomyTerm = 7,
    Attribute = 8,
    CostOption = 9,
    Address = 10,
    Accessibility = 11,
    OrganizationIdentifier = 12,
    Contact = 13,
    Phone = 14,
    Language = 15,
    ServiceArea = 16,
}

/// <summary>
/// HSDS wants UUIDs; our records have whole-number ids. An id here is a UUID of version 8 (RFC 9562's
/// "custom" layout) that carries the kind and our number(s) in plain sight: a fixed prefix, the kind,
/// a sub-kind byte and two numbers. So the same club always has the same UUID, on every installation
/// and after every restart, and an id that comes back in /{id} is read without a lookup table
/// (docs/adr/0018-open-interfaces.md). Our numbers are public already (/hold/{id}).
/// </summary>
public static class OpenReferralIds
{
    // "f0reb50" in hex-ish: the same four bytes start every id of ours, so a foreign UUID is told apart.
    private const uint Prefix = 0xf04eb5d0;

    public static string Of(HsdsKind kind, int primary, int secondary = 0, byte sub = 0)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(b, Prefix);
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], (ushort)kind);
        b[6] = 0x80; // version 8
        b[7] = sub;
        b[8] = 0x80; // variant 10xx
        BinaryPrimitives.WriteInt32BigEndian(b[8..], secondary & 0x00ffffff);
        b[8] = 0x80;
        BinaryPrimitives.WriteInt32BigEndian(b[12..], primary);
        return new Guid(b, bigEndian: true).ToString("D");
    }

    /// <summary>Whether the text is a UUID at all (anything else is a 400, not a 404).</summary>
    public static bool IsUuid(string? value) => Guid.TryParseExact(value, "D", out _);

    /// <summary>Our number of a record of this kind, or null for a UUID that is not one of ours of that kind.</summary>
    public static (int Primary, int Secondary, byte Sub)? Read(HsdsKind kind, string? value)
    {
        if (!Guid.TryParseExact(value, "D", out var guid))
        {
            return null;
        }

        Span<byte> b = stackalloc byte[16];
        guid.TryWriteBytes(b, bigEndian: true, out _);
        if (BinaryPrimitives.ReadUInt32BigEndian(b) != Prefix || BinaryPrimitives.ReadUInt16BigEndian(b[4..]) != (ushort)kind || b[6] != 0x80 || b[8] != 0x80)
        {
            return null;
        }

        var primary = BinaryPrimitives.ReadInt32BigEndian(b[12..]);
        var secondary = BinaryPrimitives.ReadInt32BigEndian(b[8..]) & 0x00ffffff;
        return primary > 0 ? (primary, secondary, b[7]) : null;
    }

    public static int? ReadId(HsdsKind kind, string? value) => Read(kind, value)?.Primary;
}
