using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Reload;

/// <summary>A generation's request pipeline as its own host built it, with the host's context type erased.</summary>
internal interface IGenerationApplication
{
    object CreateContext(IFeatureCollection features);

    Task ProcessRequestAsync(object context);

    void DisposeContext(object context, Exception? exception);
}
