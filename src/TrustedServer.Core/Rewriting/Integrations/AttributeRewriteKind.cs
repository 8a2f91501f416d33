namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>The three answers of an attribute rewriter.</summary>
public enum AttributeRewriteKind
{
    /// <summary>The value stays.</summary>
    Keep,

    /// <summary>The value is replaced.</summary>
    Replace,

    /// <summary>The element is removed with its content.</summary>
    RemoveElement,
}
