using System.Runtime.ExceptionServices;

namespace Chimera.Insight.Statistics;

/// <summary>Runs a piece of work per item on worker threads (<see cref="WorkerLoops"/>), at most <c>degree</c> at a
/// time, and hands the results back in the order the items came, never holding more than a bounded window of them.
/// Call <see cref="Add"/> and <see cref="Complete"/> from one thread.</summary>
internal sealed class OrderedParallelReader<TIn, TOut>
{
    private readonly Func<TIn, CancellationToken, TOut> work;
    private readonly WorkerLoops loops;
    private readonly int window;
    private readonly CancellationToken token;
    private readonly Queue<Job> pending = new();

    public OrderedParallelReader(Func<TIn, CancellationToken, TOut> work, int degree, CancellationToken token)
    {
        this.work = work;
        this.token = token;
        var bounded = Math.Max(1, degree);
        loops = new WorkerLoops(bounded);
        window = bounded * 4;
    }

    /// <summary>Starts the work on <paramref name="item"/>; returns the results finished so far, in order.
    /// Blocks only when the window is full, until the oldest result is ready.</summary>
    public IReadOnlyList<TOut> Add(TIn item)
    {
        token.ThrowIfCancellationRequested();
        var job = new Job(this, item);
        pending.Enqueue(job);
        loops.Post(job);
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

        protected override void Run() => Result = reader.work(item, reader.token);
    }
}
