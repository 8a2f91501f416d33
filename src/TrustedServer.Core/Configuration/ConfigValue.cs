namespace TrustedServer.Core.Configuration;

/// <summary>
/// One raw value before binding: a TOML scalar (string, long, double, bool), a list of values, or, from the
/// environment, the variable's text (<see cref="FromEnvironment"/>), which the binder parses into the expected type.
/// </summary>
internal sealed record ConfigValue(object Value, int? Line, string Source, bool FromEnvironment = false)
{
    public string TypeName => Value switch
    {
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a boolean",
        IReadOnlyList<ConfigValue> => "an array",
        IReadOnlyDictionary<string, ConfigValue> => "a table",
        _ => "a date or time",
    };
}
