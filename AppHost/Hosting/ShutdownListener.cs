using System.Runtime.InteropServices;

namespace Platform.AppHost.Hosting;

/// <summary>Ctrl+C (SIGINT), SIGTERM and SIGHUP all ask for one orderly shutdown.</summary>
internal sealed class ShutdownListener : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly Action<string> _onSignal;
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownListener(Action<string> onSignal)
    {
        _onSignal = onSignal;
        Console.CancelKeyPress += OnCancelKeyPress;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnPosixSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnPosixSignal),
        ];
    }

    public CancellationToken Token => _requested.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Request(e.SpecialKey == ConsoleSpecialKey.ControlC ? "SIGINT" : "SIGQUIT");
    }

    private void OnPosixSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Request(context.Signal.ToString());
    }

    private void Request(string signal)
    {
        _onSignal(_requested.IsCancellationRequested
            ? $"{signal} received again: still stopping (projects get 10 s, then are killed)"
            : $"{signal} received: stopping");
        _requested.Cancel();
    }
}
