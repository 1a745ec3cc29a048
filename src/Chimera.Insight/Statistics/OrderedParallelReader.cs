using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Chimera.Insight.Statistics;

/// <summary>Runs a piece of work per item on worker threads, at most <c>degree</c> at a time, and hands the
/// results back in the order the items came, never holding more than a bounded window of them.</summary>
/// <remarks>Items are a few microseconds of work apart, so a task per item would cost as much as much of the work:
/// up to <c>degree</c> loops on thread-pool threads take items from one queue, and a loop waits a moment for the next
/// item before it gives its thread back. Call <see cref="Add"/> and <see cref="Complete"/> from one thread.</remarks>
internal sealed class OrderedParallelReader<TIn, TOut>
{
    private readonly Func<TIn, CancellationToken, TOut> work;
    private readonly int degree;
    private readonly int window;
    private readonly CancellationToken token;
    private readonly Queue<Job> pending = new();
    private readonly ConcurrentQueue<Job> unstarted = new();
    private readonly ManualResetEventSlim finished = new(false);
    private int loops;
    private Job? awaited;

    public OrderedParallelReader(Func<TIn, CancellationToken, TOut> work, int degree, CancellationToken token)
    {
        this.work = work;
        this.token = token;
        this.degree = Math.Max(1, degree);
        window = this.degree * 4;
    }

    /// <summary>Starts the work on <paramref name="item"/>; returns the results finished so far, in order.
    /// Blocks only when the window is full, until the oldest result is ready.</summary>
    public IReadOnlyList<TOut> Add(TIn item)
    {
        token.ThrowIfCancellationRequested();
        var job = new Job(item);
        pending.Enqueue(job);
        unstarted.Enqueue(job);
        if (TryEnterLoop())
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => ((OrderedParallelReader<TIn, TOut>)state!).RunLoop(), this);
        }

        List<TOut>? ready = null;
        while (pending.Count > 0 && (pending.Peek().Done || pending.Count > window))
        {
            (ready ??= []).Add(Take(pending.Dequeue()));
        }

        return (IReadOnlyList<TOut>?)ready ?? [];
    }

    /// <summary>Waits for every item still running and returns their results, in order.</summary>
    public IEnumerable<TOut> Complete()
    {
        while (pending.Count > 0)
        {
            yield return Take(pending.Dequeue());
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
            while (unstarted.TryDequeue(out var job))
            {
                Run(job);
            }

            // The next item is usually on its way: spin a moment (never yielding the core) before leaving.
            var spinner = default(SpinWait);
            while (unstarted.IsEmpty && !spinner.NextSpinWillYield)
            {
                spinner.SpinOnce();
            }

            if (!unstarted.IsEmpty)
            {
                continue;
            }

            Interlocked.Decrement(ref loops);
            // An item queued between the last look and the decrement saw this loop still counted and started none:
            // look once more, and carry on if it is there and a loop may run.
            if (unstarted.IsEmpty || !TryEnterLoop())
            {
                return;
            }
        }
    }

    private void Run(Job job)
    {
        try
        {
            job.Result = work(job.Item, token);
        }
        catch (Exception e)
        {
            job.Failure = ExceptionDispatchInfo.Capture(e);
        }

        job.Done = true;
        // Full fences on both sides (here and in Take): either this sees the waiter, or the waiter sees Done.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref awaited) == job)
        {
            finished.Set();
        }
    }

    /// <summary>The job's result once it is done (its exception, if it threw).</summary>
    private TOut Take(Job job)
    {
        var spinner = default(SpinWait);
        while (!job.Done && !spinner.NextSpinWillYield)
        {
            spinner.SpinOnce();
        }

        while (!job.Done)
        {
            finished.Reset();
            Volatile.Write(ref awaited, job);
            Interlocked.MemoryBarrier();
            if (!job.Done)
            {
                finished.Wait(token);
            }

            Volatile.Write(ref awaited, null);
        }

        job.Failure?.Throw();
        return job.Result!;
    }

    private sealed class Job(TIn item)
    {
        private volatile bool done;

        public TIn Item { get; } = item;
        public TOut? Result { get; set; }
        public ExceptionDispatchInfo? Failure { get; set; }

        /// <summary>Set last, after <see cref="Result"/> or <see cref="Failure"/>: a volatile write publishes them.</summary>
        public bool Done
        {
            get => done;
            set => done = value;
        }
    }
}
