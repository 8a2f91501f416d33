namespace TrustedServer.Hosting.Finalization;

/// <summary>
/// The one place responses are finalised: registers the finalizers on <see cref="HttpResponse.OnStarting(Func{Task})"/>,
/// which Kestrel runs before the headers go out for every response: streamed, passed through, buffered, bodiless,
/// error pages and our own routes alike.
/// </summary>
internal sealed class ResponseFinalizationMiddleware(RequestDelegate next, IEnumerable<IResponseFinalizer> finalizers)
{
    private readonly IResponseFinalizer[] _finalizers = [.. finalizers];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, httpContext) = ((ResponseFinalizationMiddleware, HttpContext))state;
            return self.RunAsync(httpContext);
        }, (this, context));
        return next(context);
    }

    private async Task RunAsync(HttpContext context)
    {
        foreach (var finalizer in _finalizers)
        {
            await finalizer.ApplyAsync(context);
        }
    }
}
