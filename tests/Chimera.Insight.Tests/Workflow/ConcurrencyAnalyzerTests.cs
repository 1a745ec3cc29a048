using Chimera.Insight.Workflow;
using Xunit;

namespace Chimera.Insight.Tests.Workflow;

public class ConcurrencyAnalyzerTests
{
    private static InsightReport Report(string profile, double seconds, double total, double load, double prompt, double eval) => new()
    {
        Profile = profile,
        ReportSeconds = seconds,
        TotalDurationMs = total,
        LoadDurationMs = load,
        PromptEvalDurationMs = prompt,
        EvalDurationMs = eval,
    };

    [Fact]
    public void TwoCallsThatOverlapFullyAreParallelAndUncontended()
    {
        var reports = new[] { Report("baseline", 2.0, 1990, 10, 80, 1900), Report("chimera", 2.0, 1995, 15, 80, 1900) };

        var summary = ConcurrencyAnalyzer.Summarize(reports, wallSeconds: 2.05);

        Assert.Equal(new[] { "baseline", "chimera" }, summary.Participants);
        Assert.Equal(4.0, summary.SequentialEstimateSeconds);
        Assert.Equal(1.95, summary.Speedup);
        Assert.Equal(97.6, summary.EfficiencyPercent);
        Assert.False(summary.Contended);
    }

    [Fact]
    public void ACallThatWaitedForASlotIsContended()
    {
        // The second call's total_duration holds 1.9 s that none of its parts explain: it queued.
        var reports = new[] { Report("baseline", 2.0, 1990, 10, 80, 1900), Report("chimera", 3.9, 3890, 10, 80, 1900) };

        var summary = ConcurrencyAnalyzer.Summarize(reports, wallSeconds: 3.95);

        Assert.Equal(1900, summary.MaxQueueWaitMs);
        Assert.True(summary.Contended);
        Assert.True(summary.Speedup < 1.6);
    }

    [Fact]
    public void QueueWaitIsZeroWithoutServerTimings()
    {
        Assert.Equal(0, ConcurrencyAnalyzer.QueueWaitMs(new InsightReport()));
    }
}
