namespace TrustedServer.Privacy.Consent;

/// <summary>How a vendor vector was encoded in the string.</summary>
public enum TcfVendorEncoding
{
    /// <summary>One bit per vendor up to maxVendorId.</summary>
    BitField = 0,

    /// <summary>A list of single ids and id ranges.</summary>
    Range = 1,
}
