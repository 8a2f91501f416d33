namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>How the Flight rows are written in the bytes being rewritten.</summary>
public enum FlightEncoding
{
    /// <summary>As sent: a <c>text/x-component</c> response body.</summary>
    Raw,

    /// <summary>
    /// Inside a JavaScript string literal (the payload of an inline <c>self.__next_f.push([1,"..."])</c>): escape
    /// sequences stand for the bytes the browser will hand React, and text-row lengths count those bytes.
    /// </summary>
    JavaScriptString,
}
