namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>What an integration's attribute rewriter decided for one attribute value.</summary>
public readonly record struct AttributeRewrite
{
    private AttributeRewrite(AttributeRewriteKind kind, string? value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Keep, replace or remove the element.</summary>
    public AttributeRewriteKind Kind { get; }

    /// <summary>The new value when <see cref="Kind"/> is <see cref="AttributeRewriteKind.Replace"/>.</summary>
    public string? Value { get; }

    /// <summary>Leave the value as it is.</summary>
    public static AttributeRewrite Keep { get; } = new(AttributeRewriteKind.Keep, null);

    /// <summary>Drop the whole element (tags and content) from the page.</summary>
    public static AttributeRewrite RemoveElement { get; } = new(AttributeRewriteKind.RemoveElement, null);

    /// <summary>Replace the value (written back escaped for an attribute).</summary>
    public static AttributeRewrite Replace(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(AttributeRewriteKind.Replace, value);
    }
}
