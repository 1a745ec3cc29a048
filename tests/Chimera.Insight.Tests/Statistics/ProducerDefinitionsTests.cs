using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class ProducerDefinitionsTests
{
    // A stated mean with its spread and count: enough for a test (Welch's t), so the verdict turns on the definitions.
    private static BenchmarkMetric Reported(string producer, string metric, double mean) => new()
    {
        Metric = metric, Unit = "ms", Origin = MetricOrigin.Reported, Statistic = "Mean", Model = "m", Producer = producer,
        Count = 100, Mean = mean, StdDev = mean / 10, Phase = Phase.Warm,
    };

    [Fact]
    public void Runs_of_two_producers_are_matched_and_judged_where_their_definitions_agree()
    {
        var comparison = Assert.Single(MetricComparer.Compare([Reported("vllm", "TtftMs", 100)], [Reported("aiperf", "TtftMs", 150)]));
        Assert.Equal(ComparisonStatus.Matched, comparison.Status);
        Assert.Equal(ComparisonVerdict.Worse, comparison.Verdict);
        Assert.Null(comparison.Reason);
        Assert.Equal(("vllm", "aiperf"), (comparison.ReferenceProducer, comparison.DifferenceProducer));
    }

    [Fact]
    public void Unlike_definitions_are_inconclusive_with_the_reason()
    {
        var itl = Assert.Single(MetricComparer.Compare([Reported("vllm", "ItlMs", 10)], [Reported("llmperf", "ItlMs", 30)]));
        Assert.Equal(ComparisonVerdict.Inconclusive, itl.Verdict);
        Assert.Equal(MetricComparer.BasisDefinitionsDiffer, itl.Basis);
        Assert.Contains("per gap", itl.Reason);

        var tpot = Assert.Single(MetricComparer.Compare([Reported("vllm", "TpotMs", 10)], [Reported("guidellm", "TpotMs", 30)]));
        Assert.Equal(ComparisonVerdict.Inconclusive, tpot.Verdict);
        Assert.Contains("TTFT included", tpot.Reason);
    }

    [Fact]
    public void Producers_that_define_a_metric_alike_compare_it()
    {
        Assert.Null(ProducerDefinitions.Mismatch(Reported("aiperf", "ItlMs", 10), Reported("guidellm", "ItlMs", 11)));
        Assert.Null(ProducerDefinitions.Mismatch(Reported("vllm", "ItlMs", 10), Reported("sglang", "ItlMs", 11)));
    }
}
