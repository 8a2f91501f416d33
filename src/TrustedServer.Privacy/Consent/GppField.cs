namespace TrustedServer.Privacy.Consent;

/// <summary>A named field of a decoded GPP US section: a single value, or a list of values.</summary>
/// <param name="Name">Field name as in the GPP specification and @iabgpp/cmpapi (e.g. <c>SaleOptOut</c>).</param>
/// <param name="Value">The value when the field is a single integer (null for lists).</param>
/// <param name="Values">The values when the field is a list (null for single integers).</param>
public sealed record GppField(string Name, int? Value, IReadOnlyList<int>? Values);
