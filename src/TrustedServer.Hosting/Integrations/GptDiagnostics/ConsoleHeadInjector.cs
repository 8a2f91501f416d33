using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.GptDiagnostics;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Hosting.Integrations.GptDiagnostics;

/// <summary>
/// On an active document, the console module's tag; on one whose URL carried a directive, a script that takes the
/// <c>ts_console</c> pair out of the visible URL (path, other pairs and fragment kept). Other documents get nothing.
/// The request is found through <see cref="HttpContextAccessor"/>, registered when this integration is enabled.
/// </summary>
internal sealed class ConsoleHeadInjector(string moduleTag) : IHeadInjector
{
    private const string CleanUrlScript =
        "<script>(function(l,h){try{var q=l.search.slice(1).split(\"&\").filter(function(p){return p.split(\"=\")[0]!==\"ts_console\"}).join(\"&\");"
        + "h.replaceState(h.state,\"\",l.pathname+(q?\"?\"+q:\"\")+l.hash)}catch(e){}})(location,history);</script>";

    private readonly HttpContextAccessor _accessor = new();

    public string? HeadInserts(PublisherDocument document)
    {
        if (_accessor.HttpContext?.Items[ConsoleActivationFilter.SessionKey] is not ConsoleSession session)
        {
            return null;
        }

        var clean = session.Directive == ConsoleDirective.None ? null : CleanUrlScript;
        return session.Active ? clean + moduleTag : clean;
    }
}
