using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// <c>serve --config FILE</c>: one listener host (Kestrel with its listeners, TLS, limits and graceful shutdown, built
/// once) in front of the current <see cref="Generation"/>. <see cref="ReloadAsync"/> (SIGHUP) reads the file again;
/// when it validates and its generation starts, new requests go to it while requests in flight finish on the one they
/// started on, which is disposed after its last request. When it does not, the errors are logged and nothing changes.
/// </summary>
internal sealed class ReloadableServer : IAsyncDisposable
{
    private static readonly TimeSpan FinalDrain = TimeSpan.FromSeconds(5);

    private readonly string _configFile;
    private readonly string[] _urls;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly GenerationDispatcher _dispatcher = new();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly List<Task> _retiring = [];
    private readonly SharedStores _stores;
    private readonly ILogger _logger;
    private readonly TrustedServerOptions _initial;
    private readonly PosixSignalRegistration? _hangup;
    private int _disposed;

    private ReloadableServer(string configFile, TrustedServerOptions options, string[] urls, Action<IServiceCollection>? configureServices)
    {
        _configFile = configFile;
        _urls = urls;
        _initial = options;
        _configureServices = configureServices;
        var builder = TrustedServerApp.CreateBuilder();
        TrustedServerApp.ConfigureListener(builder, options, urls);
        TrustedServerApp.ConfigureLogging(builder, options);
        DispatchThroughGenerations(builder.Services, _dispatcher);
        Listener = builder.Build();
        TrustedServerApp.AnnounceListener(Listener, options, urls);
        var loggers = Listener.Services.GetRequiredService<ILoggerFactory>();
        _logger = loggers.CreateLogger(ReloadLog.Category);
        _stores = new SharedStores(loggers);
        try
        {
            // Taken from the start: SIGHUP's default action ends the process, which a reload sent during startup must not do.
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                if (_dispatcher.Current is null)
                {
                    ReloadLog.NotStarted(_logger);
                    return;
                }

                _ = Task.Run(() => ReloadAsync(CancellationToken.None));
            });
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGHUP here: ReloadAsync is still there for whoever calls it.
        }
    }

    /// <summary>The listener host: its URLs, lifetime and listener services (not the configuration's, see <see cref="Services"/>).</summary>
    public WebApplication Listener { get; }

    /// <summary>The services of the generation that serves new requests.</summary>
    public IServiceProvider Services => Current.App.Services;

    /// <summary>The number of the generation that serves new requests: 1 at start, one more per applied reload.</summary>
    public int Generation => Current.Number;

    private Generation Current => _dispatcher.Current ?? throw new InvalidOperationException("the server has not started");

    /// <summary>Builds the listener for <paramref name="options"/>, loaded from <paramref name="configFile"/>, which a reload reads again.</summary>
    public static ReloadableServer Create(string configFile, TrustedServerOptions options, string[] urls, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(configFile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        return new ReloadableServer(Path.GetFullPath(configFile), options, urls, configureServices);
    }

    /// <summary>Starts the first generation, then the listener, and reloads on SIGHUP from then on.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var first = await GenerationBuilder.StartAsync(1, _initial, Listener.Services, _stores, _configureServices, cancellationToken);
        _dispatcher.Swap(first);
        await Listener.StartAsync(cancellationToken);

        // Readiness answers 503 from the moment shutdown begins; the current generation hears it from the listener.
        Listener.Lifetime.ApplicationStopping.Register(() => _dispatcher.Current?.App.Lifetime.StopApplication());
    }

    /// <summary>Reads the configuration file again and, when it is valid and starts, makes it serve new requests.</summary>
    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var running = Current;
            if (Listener.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return new ReloadOutcome(false, running.Number, ["the server is shutting down"], []);
            }

            ReloadLog.Reloading(_logger, _configFile);
            var result = ConfigLoader.LoadFile(_configFile);
            if (!result.Success)
            {
                var errors = result.Errors.Select(e => e.ToString()).ToList();
                foreach (var error in errors)
                {
                    ReloadLog.Invalid(_logger, running.Number, error);
                }

                return new ReloadOutcome(false, running.Number, errors, []);
            }

            var (options, notApplied) = RestartOnlySettings.Keep(running.Options, result.Options!);
            if (OriginLoopCheck.Problem(options.Publisher.OriginUrl, Listener.Urls) is { } loop)
            {
                ReloadLog.Invalid(_logger, running.Number, loop);
                return new ReloadOutcome(false, running.Number, [loop], notApplied);
            }

            Generation next;
            try
            {
                next = await GenerationBuilder.StartAsync(running.Number + 1, options, Listener.Services, _stores, _configureServices, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var reason = (ex.InnerException ?? ex).Message;
                ReloadLog.StartFailed(_logger, running.Number, reason);
                return new ReloadOutcome(false, running.Number, [reason], notApplied);
            }

            if (notApplied.Count > 0)
            {
                ReloadLog.RestartNeeded(_logger, string.Join(", ", notApplied));
            }

            var previous = _dispatcher.Swap(next)!;
            ReloadLog.Reloaded(_logger, next.Number, previous.Number, previous.RequestsInFlight);
            Retire(previous);
            return new ReloadOutcome(true, next.Number, [], notApplied);
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Stops the listener (in-flight responses get <c>shutdown_timeout_ms</c>), then disposes every generation.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _hangup?.Dispose();
        await _reloading.WaitAsync();
        try
        {
            if (!Listener.Lifetime.ApplicationStopped.IsCancellationRequested && Listener.Lifetime.ApplicationStarted.IsCancellationRequested)
            {
                await Listener.StopAsync(CancellationToken.None);
            }

            await Listener.DisposeAsync();
            if (_dispatcher.Current is { } last)
            {
                last.Release();
                await Task.WhenAny(last.Drained, Task.Delay(FinalDrain));
                await DisposeGenerationAsync(last);
            }

            Task[] retiring;
            lock (_retiring)
            {
                retiring = [.. _retiring];
            }

            await Task.WhenAll(retiring).WaitAsync(FinalDrain).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private void Retire(Generation previous)
    {
        previous.Release();
        var task = Task.Run(async () =>
        {
            await previous.Drained;
            await DisposeGenerationAsync(previous);
            ReloadLog.Retired(_logger, previous.Number);
        });
        lock (_retiring)
        {
            _retiring.RemoveAll(t => t.IsCompleted);
            _retiring.Add(task);
        }
    }

    private async Task DisposeGenerationAsync(Generation generation)
    {
        try
        {
            await generation.DisposeAsync();
        }
        catch (Exception ex)
        {
            ReloadLog.DisposeFailed(_logger, generation.Number, ex.Message);
        }
    }

    /// <summary>Starts Kestrel with the dispatcher in place of the listener host's own pipeline.</summary>
    private static void DispatchThroughGenerations(IServiceCollection services, GenerationDispatcher dispatcher)
    {
        var kestrel = services.LastOrDefault(d => d.ServiceType == typeof(IServer))
            ?? throw new InvalidOperationException("no server is registered");
        services.Remove(kestrel);
        if (kestrel.ImplementationType is { } type)
        {
            services.AddSingleton(type);
            services.AddSingleton<IServer>(sp => new DispatchingServer((IServer)sp.GetRequiredService(type), dispatcher));
        }
        else if (kestrel.ImplementationFactory is { } factory)
        {
            services.AddSingleton<IServer>(sp => new DispatchingServer((IServer)factory(sp), dispatcher));
        }
        else
        {
            services.AddSingleton<IServer>(new DispatchingServer((IServer)kestrel.ImplementationInstance!, dispatcher));
        }
    }
}
