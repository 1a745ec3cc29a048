using System.Runtime.ExceptionServices;

namespace Chimera.Insight;

/// <summary>Runs a piece of work per item on worker threads (<see cref="WorkerLoops"/>), at most <c>degree</c> at a
/// time, and hands the results back in the order the items came, never holding more than a bounded window of them.
/// Call <see cref="Add"/>, <see cref="AddDone"/> and <see cref="Complete"/> from one thread. The one ordered parallel
/// mechanism of the engine: measurement reads files with it, the inventory hashes them.</summary>
internal sealed class OrderedParallelReader<TIn, TOut>
{
    private readonly Func<TIn, CancellationToken, TOut> work;
    private readonly WorkerLoops loops;
    private readonly int window;
    private readonly CancellationToken token;
    private readonly Queue<Job> pending = new();

    /// <param name="window">The most results held at once (by default 4 per worker): <see cref="Add"/> waits for the
    /// oldest beyond it.</param>
    public OrderedParallelReader(Func<TIn, CancellationToken, TOut> work, int degree, CancellationToken token, int window = 0)
    {
        this.work = work;
        this.token = token;
        var bounded = Math.Max(1, degree);
        loops = new WorkerLoops(bounded);
        this.window = window > 0 ? window : bounded * 4;
    }

    /// <summary>Starts the work on <paramref name="item"/>; returns the results finished so far, in order.
    /// Blocks only when the window is full, until the oldest result is ready.</summary>
    public IReadOnlyList<TOut> Add(TIn item)
    {
        token.ThrowIfCancellationRequested();
        var job = new Job(this, item);
        pending.Enqueue(job);
        loops.Post(job);
        return TakeReady();
    }

    /// <summary>Puts a result that needs no work in its place in the order; returns the results finished so far.</summary>
    public IReadOnlyList<TOut> AddDone(TOut result)
    {
        token.ThrowIfCancellationRequested();
        pending.Enqueue(Job.Finished(this, result));
        return TakeReady();
    }

    private IReadOnlyList<TOut> TakeReady()
    {
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

    /// <summary>The job's result once it is done (its exception, if it threw).</summary>
    private TOut Take(Job job)
    {
        loops.WaitFor(job, token);
        if (job.Failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return job.Result!;
    }

    private sealed class Job(OrderedParallelReader<TIn, TOut> reader, TIn item) : QueuedWork
    {
        public TOut? Result { get; private set; }

        public static Job Finished(OrderedParallelReader<TIn, TOut> reader, TOut result)
        {
            var job = new Job(reader, default!) { Result = result };
            job.MarkDone();
            return job;
        }

        protected override void Run() => Result = reader.work(item, reader.token);
    }
}
