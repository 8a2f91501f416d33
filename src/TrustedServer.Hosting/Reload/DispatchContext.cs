namespace TrustedServer.Hosting.Reload;

/// <summary>A request as the listener sees it: the generation it started on and that generation's own context.</summary>
internal sealed class DispatchContext
{
    public Generation? Generation { get; set; }

    public object? Inner { get; set; }
}
