using System.Collections.Concurrent;

namespace Chimera.Insight;

/// <summary>One piece of work for <see cref="WorkerLoops"/>. What <see cref="Run"/> throws is kept in
/// <see cref="Failure"/> for the thread that waits for it.</summary>
internal abstract class QueuedWork
{
    private volatile bool done;

    /// <summary>Set after <see cref="Run"/> returns or throws: a volatile write, so what it stored is seen with it.</summary>
    public bool Done => done;

    public Exception? Failure { get; private set; }

    protected abstract void Run();

    /// <summary>Marks work done that needs no running.</summary>
    protected void MarkDone() => done = true;

    internal void Execute()
    {
        try
        {
            Run();
        }
        catch (Exception e)
        {
            Failure = e;
        }

        done = true;
    }
}

/// <summary>
/// Runs queued work on up to <c>degree</c> loops on thread-pool threads: a loop takes item after item from one queue,
/// and gives its thread back when the queue is empty (docs/performance.md says why not a task per item). Post from one
/// thread; any thread may wait.
/// </summary>
internal sealed class WorkerLoops(int degree)
{
    private readonly int degree = Math.Max(1, degree);
    private readonly ConcurrentQueue<QueuedWork> queue = new();
    private readonly ManualResetEventSlim finished = new(false);
    private int loops;
    private QueuedWork? awaited;

    public void Post(QueuedWork work)
    {
        queue.Enqueue(work);
        if (TryEnterLoop())
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => ((WorkerLoops)state!).RunLoop(), this);
        }
    }

    /// <summary>Returns once <paramref name="work"/> is done: spins a moment, then sleeps until a loop finishes it.</summary>
    public void WaitFor(QueuedWork work, CancellationToken token)
    {
        var spinner = default(SpinWait);
        while (!work.Done && !spinner.NextSpinWillYield)
        {
            spinner.SpinOnce();
        }

        while (!work.Done)
        {
            finished.Reset();
            Volatile.Write(ref awaited, work);
            // Full fences on both sides (here and after a run): either the loop sees this waiter, or this sees Done.
            Thread.MemoryBarrier();
            if (!work.Done)
            {
                finished.Wait(token);
            }

            Volatile.Write(ref awaited, null);
        }
    }

    /// <summary>Counts one more loop, unless <c>degree</c> run already.</summary>
    private bool TryEnterLoop()
    {
        while (true)
        {
            var running = Volatile.Read(ref loops);
            if (running >= degree)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref loops, running + 1, running) == running)
            {
                return true;
            }
        }
    }

    private void RunLoop()
    {
        while (true)
        {
            while (queue.TryDequeue(out var work))
            {
                work.Execute();
                Thread.MemoryBarrier();
                if (Volatile.Read(ref awaited) == work)
                {
                    finished.Set();
                }
            }

            Interlocked.Decrement(ref loops);
            // An item queued between the last look and the decrement saw this loop still counted and started none:
            // look once more, and carry on if it is there and a loop may run.
            if (queue.IsEmpty || !TryEnterLoop())
            {
                return;
            }
        }
    }
}
