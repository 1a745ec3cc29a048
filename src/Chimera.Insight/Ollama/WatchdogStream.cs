using System.Text;

namespace Chimera.Insight.Ollama;

/// <summary>
/// Wraps a streaming response body so that a stall longer than the idle timeout, or the call's
/// cancellation, aborts the read at once (OllamaSharp reads without a token: it would otherwise wait
/// for the next line). It also keeps the last complete line, to recover a mid-stream {"error"} text.
/// </summary>
internal sealed class WatchdogStream : Stream
{
    private const int MaxLineBytes = 1 << 20;
    private const int None = 0;
    private const int Idle = 1;
    private const int Cancelled = 2;

    private readonly Stream inner;
    private readonly TimeSpan idleTimeout;
    private readonly CancellationToken callToken;
    private readonly MemoryStream currentLine = new();
    private int abortReason;

    public WatchdogStream(Stream inner, TimeSpan idleTimeout, CancellationToken callToken)
    {
        this.inner = inner;
        this.idleTimeout = idleTimeout;
        this.callToken = callToken;
    }

    /// <summary>Set when a read was aborted because nothing arrived within the idle timeout.</summary>
    public bool IdleTimedOut => Volatile.Read(ref abortReason) == Idle;

    /// <summary>The last complete non-empty line received.</summary>
    public string? LastLine { get; private set; }

    /// <summary>When the last read that returned bytes finished (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long LastReadTimestamp { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        if (idleTimeout > TimeSpan.Zero && idleTimeout != Timeout.InfiniteTimeSpan)
        {
            watch.CancelAfter(idleTimeout);
        }

        // Disposing the body aborts a read that ignores its token (.NET Framework's HttpClient). The
        // reason is kept first, so that a later read knows why the body is gone.
        using var abort = watch.Token.Register(() =>
        {
            var reason = callToken.IsCancellationRequested || cancellationToken.IsCancellationRequested ? Cancelled : Idle;
            Interlocked.CompareExchange(ref abortReason, reason, None);
            inner.Dispose();
        });
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, offset, count, watch.Token).ConfigureAwait(false);
        }
        catch (Exception) when (watch.IsCancellationRequested || Volatile.Read(ref abortReason) != None)
        {
            Interlocked.CompareExchange(ref abortReason, callToken.IsCancellationRequested || cancellationToken.IsCancellationRequested ? Cancelled : Idle, None);
            ThrowIfAborted();
            throw;
        }

        if (read > 0)
        {
            LastReadTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        Track(buffer, offset, read);
        return read;
    }

    private void ThrowIfAborted()
    {
        switch (Volatile.Read(ref abortReason))
        {
            case Idle:
                throw new TimeoutException("idle timeout");
            case Cancelled:
                throw new OperationCanceledException(callToken);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            currentLine.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Track(byte[] buffer, int offset, int count)
    {
        if (count == 0 && currentLine.Length > 0)
        {
            LastLine = Encoding.UTF8.GetString(currentLine.GetBuffer(), 0, (int)currentLine.Length).Trim();
            currentLine.SetLength(0);
        }

        for (var i = offset; i < offset + count; i++)
        {
            if (buffer[i] == (byte)'\n')
            {
                if (currentLine.Length > 0)
                {
                    LastLine = Encoding.UTF8.GetString(currentLine.GetBuffer(), 0, (int)currentLine.Length).Trim();
                }

                currentLine.SetLength(0);
            }
            else if (currentLine.Length < MaxLineBytes)
            {
                currentLine.WriteByte(buffer[i]);
            }
        }
    }
}
