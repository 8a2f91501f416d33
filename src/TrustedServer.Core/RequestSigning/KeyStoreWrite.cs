namespace TrustedServer.Core.RequestSigning;

/// <summary>One write to a key store: set <see cref="Name"/> to <see cref="Value"/>, or delete it when the value is null.</summary>
public sealed record KeyStoreWrite(string Name, string? Value)
{
    /// <summary>Sets an entry.</summary>
    public static KeyStoreWrite Set(string name, string value) => new(name, value);

    /// <summary>Deletes an entry.</summary>
    public static KeyStoreWrite Delete(string name) => new(name, null);

    /// <summary>Never prints a value: entries include sealed private keys.</summary>
    public override string ToString() => (Value is null ? "delete " : "set ") + Name;
}
