namespace Chimera.Insight.Statistics;

/// <summary>Runs a piece of work per item on worker threads, at most <c>degree</c> at a time, and hands the
/// results back in the order the items came, never holding more than a bounded window of them.</summary>
internal sealed class OrderedParallelReader<TIn, TOut>
{
    private readonly Func<TIn, CancellationToken, TOut> work;
    private readonly TaskScheduler scheduler;
    private readonly Queue<Task<TOut>> pending = new();
    private readonly int window;
    private readonly CancellationToken token;

    public OrderedParallelReader(Func<TIn, CancellationToken, TOut> work, int degree, CancellationToken token)
    {
        this.work = work;
        this.token = token;
        var bounded = Math.Max(1, degree);
        // At most `degree` items run at once, and no thread pool thread ever blocks waiting for its turn.
        scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, bounded).ConcurrentScheduler;
        window = bounded * 4;
    }

    /// <summary>Starts the work on <paramref name="item"/>; returns the results finished so far, in order.
    /// Blocks only when the window is full, until the oldest result is ready.</summary>
    public IReadOnlyList<TOut> Add(TIn item)
    {
        token.ThrowIfCancellationRequested();
        pending.Enqueue(Task.Factory.StartNew(() => work(item, token), token, TaskCreationOptions.DenyChildAttach, scheduler));
        List<TOut>? ready = null;
        while (pending.Count > 0 && (pending.Peek().IsCompleted || pending.Count > window))
        {
            (ready ??= []).Add(pending.Dequeue().GetAwaiter().GetResult());
        }

        return (IReadOnlyList<TOut>?)ready ?? [];
    }

    /// <summary>Waits for every item still running and returns their results, in order.</summary>
    public IEnumerable<TOut> Complete()
    {
        while (pending.Count > 0)
        {
            yield return pending.Dequeue().GetAwaiter().GetResult();
        }
    }
}
