namespace TrustedServer.Hosting.Finalization;

/// <summary>
/// The one place responses are finalised: registers the finalizers on <see cref="HttpResponse.OnStarting(Func{Task})"/>,
/// which Kestrel runs before the headers go out for every response: streamed, passed through, buffered, bodiless,
/// error pages and our own routes alike.
/// </summary>
internal sealed class ResponseFinalizationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IResponseFinalizer[] _finalizers;

    // Made once: registering it per response then allocates nothing of ours.
    private readonly Func<object, Task> _onStarting;

    public ResponseFinalizationMiddleware(RequestDelegate next, IEnumerable<IResponseFinalizer> finalizers)
    {
        _next = next;
        _finalizers = [.. finalizers];
        _onStarting = state => RunAsync((HttpContext)state);
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(_onStarting, context);
        return _next(context);
    }

    private Task RunAsync(HttpContext context)
    {
        for (var i = 0; i < _finalizers.Length; i++)
        {
            var applying = _finalizers[i].ApplyAsync(context);
            if (!applying.IsCompletedSuccessfully)
            {
                return RunRestAsync(applying, context, i + 1);
            }

            applying.GetAwaiter().GetResult();
        }

        return Task.CompletedTask;
    }

    private async Task RunRestAsync(ValueTask applying, HttpContext context, int next)
    {
        await applying;
        for (var i = next; i < _finalizers.Length; i++)
        {
            await _finalizers[i].ApplyAsync(context);
        }
    }
}
