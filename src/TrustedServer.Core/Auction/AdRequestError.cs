namespace TrustedServer.Core.Auction;

/// <summary>Why a <c>POST /auction</c> body was refused: the JSON path of the field and what is wrong with it.</summary>
public sealed record AdRequestError(string Field, string Message);
