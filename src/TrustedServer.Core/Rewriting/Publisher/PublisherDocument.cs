using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>The per-page state of the publisher HTML handlers: the request's URL mapper and the injection flag.</summary>
public sealed class PublisherDocument
{
    // Built on the first script or style text: many small pages and fragments have none.
    private UrlRewriteTransform? _rawText;
    private PooledBufferWriter? _integrationScratch;
    private Dictionary<object, object>? _states;

    internal PublisherDocument(PublisherRewriter rewriter, UrlMapper mapper)
    {
        Rewriter = rewriter;
        Mapper = mapper;
    }

    /// <summary>The request's URL mapper (request scheme and host).</summary>
    public UrlMapper Mapper { get; }

    /// <summary>Has the head snippet been written?</summary>
    public bool HeadInjected { get; internal set; }

    internal PublisherRewriter Rewriter { get; }

    /// <summary>This page's own head and body-end markup (the page auction), or null.</summary>
    public PageInserts? Inserts { get; internal set; }

    /// <summary>The transform that holds the output at <c>&lt;/body&gt;</c> for <see cref="Inserts"/>.</summary>
    internal HeldHtmlTransform? Holder { get; set; }

    /// <summary>Has the <c>&lt;body&gt;</c> start tag been handled (its end tag watched)?</summary>
    internal bool BodySeen { get; set; }

    /// <summary>The streaming mapper for the current <c>script</c>/<c>style</c> text node; reset at each node's end.</summary>
    internal UrlRewriteTransform RawText => _rawText ??= Mapper.CreateTransform();

    internal PooledBufferWriter Scratch { get; } = new(4096);

    /// <summary>Did the current start tag hold an attribute rewriter's needle? Set by the tag filter, which runs first.</summary>
    internal bool TagWanted { get; set; }

    /// <summary>Is the current text node mapped by an integration in place of the publisher's mapping?</summary>
    internal bool TextNodeOwned { get; set; }

    /// <summary>The session that owns the current text node (<see cref="TextNodeOwned"/>), or null.</summary>
    internal IBodyTransform? TextNodeOwner { get; set; }

    /// <summary>Has the owner of the current chunk's text node claimed it for itself, keeping the other script rewriters out?</summary>
    internal bool TextNodeExclusive { get; set; }

    /// <summary>
    /// The streaming publisher mapping of script text, for a rewriter that replaces it (<see
    /// cref="Integrations.IScriptTextRewriter.ReplacesUrlMapping"/>) to use on the text it leaves alone; finish it at the
    /// end of each node.
    /// </summary>
    public IBodyTransform PublisherScriptMapping => RawText;

    /// <summary>
    /// Per-page state of an integration, created on first use (for what it carries from one text node to the next).
    /// </summary>
    public T State<T>(object owner, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        _states ??= [];
        if (!_states.TryGetValue(owner, out var state))
        {
            state = create();
            _states[owner] = state;
        }

        return (T)state;
    }

    /// <summary>The state created by <see cref="State{T}"/> for <paramref name="owner"/>, or null.</summary>
    public T? ExistingState<T>(object owner)
        where T : class => _states is not null && _states.TryGetValue(owner, out var state) ? (T)state : null;

    /// <summary>The integrations' script-text transforms for the current text node, by rewriter index.</summary>
    internal IBodyTransform?[]? ScriptSessions { get; set; }

    /// <summary>Which of <see cref="ScriptSessions"/> were asked for the current text node.</summary>
    internal bool[]? ScriptSessionStarted { get; set; }

    /// <summary>The integrations' own output buffer (the publisher's <see cref="Scratch"/> may hold the chunk they read).</summary>
    internal void DisposeIntegrationScratch() => _integrationScratch?.Dispose();

    internal PooledBufferWriter IntegrationScratch => _integrationScratch ??= new(4096);
}
