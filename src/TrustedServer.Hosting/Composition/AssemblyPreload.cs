using System.Reflection;

namespace TrustedServer.Hosting.Composition;

/// <summary>
/// Loads, once per process and before the first request, every assembly the server's code references, directly or
/// through its dependencies. The runtime otherwise loads an assembly when code first needs it and remembers a failed
/// load for the life of the process: one first needed while file descriptors are exhausted (a flood, an origin that
/// leads back here) would fail every later request that needs it, long after descriptors are free again.
/// </summary>
internal static class AssemblyPreload
{
    private static int _loaded;

    /// <summary>Loads what the assemblies loaded so far (the app is built) reference directly.</summary>
    public static void LoadReferences()
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 1)
        {
            return;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                try
                {
                    Assembly.Load(reference);
                }
                catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A reference this platform does not ship (a Windows-only facade): nothing ever loads it here either.
                }
            }
        }
    }
}
