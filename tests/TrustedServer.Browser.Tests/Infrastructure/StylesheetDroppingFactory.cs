using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// A deliberately broken rewrite for testing the tests: HTML goes through the real rewriter, then loses its
/// stylesheet links. The screenshot comparison must catch that.
/// </summary>
internal sealed partial class StylesheetDroppingFactory(IBodyTransformFactory inner) : IBodyTransformFactory
{
    /// <summary>Wraps whichever <see cref="IBodyTransformFactory"/> is registered so far.</summary>
    public static void Register(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IBodyTransformFactory))
            ?? throw new InvalidOperationException("no IBodyTransformFactory registered");
        services.Remove(registered);
        services.AddSingleton<IBodyTransformFactory>(provider => new StylesheetDroppingFactory(Resolve(provider, registered)));
    }

    public IBodyTransform? Create(ContentKind kind, VisitorRequest request)
    {
        var transform = inner.Create(kind, request) ?? PassThroughTransform.Instance;
        return kind == ContentKind.Html ? new Dropper(transform) : transform;
    }

    private static IBodyTransformFactory Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IBodyTransformFactory
        ?? (IBodyTransformFactory?)descriptor.ImplementationFactory?.Invoke(provider)
        ?? (IBodyTransformFactory)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);

    [GeneratedRegex("""<link\b[^>]*\brel=["']?stylesheet[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex StylesheetLink();

    /// <summary>Buffers the whole page (a test page is small), then rewrites it and drops the links.</summary>
    private sealed class Dropper(IBodyTransform inner) : IBodyTransform
    {
        private readonly ArrayBufferWriter<byte> _rewritten = new();

        public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output) => inner.Process(chunk, _rewritten);

        public void Finish(IBufferWriter<byte> output)
        {
            inner.Finish(_rewritten);
            var html = Encoding.UTF8.GetString(_rewritten.WrittenSpan);
            output.Write(Encoding.UTF8.GetBytes(StylesheetLink().Replace(html, string.Empty)));
        }
    }
}
