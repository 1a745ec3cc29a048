using Chimera.Insight;
using Chimera.Insight.Extraction;
using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class SampleRecordsTests
{
    [Fact]
    public void Samples_of_one_record_id_fold_into_one_record_with_its_dimensions()
    {
        var samples = new List<BenchmarkSample>
        {
            Samples.Of("TtftMs", 120, record: "a"),
            Samples.Of("TokensPerSecond", 80, "tok/s", record: "a"),
            Samples.Of("TtftMs", 130, record: "b"),
        };
        samples[0].NumCtx = samples[1].NumCtx = samples[2].NumCtx = 1024;

        var records = SampleRecords.Of(samples, []);

        Assert.Equal(2, records.Count);
        Assert.Equal(["TtftMs", "TokensPerSecond"], records[0].Values.Select(v => v.Metric));
        Assert.Equal("llama3.1:8b", records[0].Dimensions.Model);
        Assert.Equal(1024, records[0].Dimensions.NumCtx);
        Assert.Equal("num_ctx=1024", records[0].Configuration);
        Assert.Equal("row a", records[0].Location);
        Assert.Single(records[1].Values);
    }

    [Fact]
    public void Samples_without_a_record_id_are_a_record_each()
    {
        var samples = new List<BenchmarkSample> { Samples.Of("TtftMs", 1), Samples.Of("TtftMs", 1) };

        var records = SampleRecords.Of(samples, []);

        Assert.Equal(2, records.Count);
        Assert.Null(records[0].Location);
    }

    [Fact]
    public void A_failed_record_counts_once_whatever_figures_its_samples_carried()
    {
        var samples = new[]
        {
            Samples.Of("TtftMs", double.NaN, record: "1", failed: true, error: "HTTP 500"),
            Samples.Of("TokensPerSecond", double.NaN, "tok/s", record: "1", failed: true, error: "HTTP 500"),
            Samples.Of("TtftMs", 100, record: "2"),
        };

        var metric = MeasurementSession.Measure(samples, new MeasurementOptions { GroupBy = GroupingKeys.Model }).Single(m => m.Metric == "TtftMs");

        Assert.Equal(1, metric.Count);
        Assert.Equal(1, metric.FailedCount);
        Assert.Equal("HTTP 500", metric.TopError);
    }

    [Fact]
    public void A_sample_without_a_figure_that_did_not_fail_is_refused_with_its_place()
    {
        var rejected = new List<ExtractionError>();

        var records = SampleRecords.Of([Samples.Of("TtftMs", double.NaN, record: "7"), Samples.Of("TtftMs", 5, record: "8")], rejected);

        Assert.Single(records);
        var error = Assert.Single(rejected);
        Assert.Equal("/data/run.csv", error.Source);
        Assert.Equal("row 7", error.Location);
        Assert.Contains("TtftMs", error.Reason);
    }

    [Fact]
    public void A_file_and_its_samples_piped_back_are_the_same_content_counted_once()
    {
        var root = Directory.CreateTempSubdirectory("chimera-fold-").FullName;
        try
        {
            var path = Path.Combine(root, "sweep.csv");
            File.WriteAllText(path, "model,num_ctx,ttft_s,tokens_s,load_s,error\nm1,1024,2.31,101.5,2.2,\nm1,1024,0.13,104.2,0.08,\nm1,1024,0,0,0,HTTP 500\n");
            var samples = ArtifactReader.Read(path, ArtifactKind.Csv).Samples;
            foreach (var sample in samples)
            {
                sample.Source = Path.Combine(root, "elsewhere.csv");
            }

            var session = new MeasurementSession(new MeasurementOptions { GroupBy = GroupingKeys.Model | GroupingKeys.Phase });
            session.AddFile(new BenchmarkFile { FullName = path, Kind = ArtifactKind.Csv, Length = new FileInfo(path).Length });
            foreach (var sample in samples)
            {
                session.AddSample(sample);
            }

            var ttft = session.BuildMetrics(null).Where(m => m.Metric == "TtftMs").ToList();

            Assert.Equal(2, ttft.Sum(m => m.Count));
            Assert.Equal(1, ttft.Sum(m => m.FailedCount));
            Assert.All(ttft, m => Assert.Contains(m.RedundantSources, r => r.Contains("elsewhere.csv", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

public class CarriedSummaryTests
{
    [Fact]
    public void A_metric_measured_again_unchanged_keeps_its_statistics_and_an_edited_one_is_recomputed()
    {
        var samples = Samples.Series("TtftMs", Samples.Around(100, 500)).ToList();
        var options = new MeasurementOptions { GroupBy = GroupingKeys.Model, ExtraPercentiles = [75] };
        var first = MeasurementSession.Measure(samples, options).Single();
        var edited = MeasurementSession.Measure(samples, options).Single();
        edited.Mean = 1;

        var session = new MeasurementSession(options);
        session.AddMetric(first);
        var carried = session.BuildMetrics(null).Single();
        session = new MeasurementSession(options);
        session.AddMetric(edited);
        var recomputed = session.BuildMetrics(null).Single();
        session = new MeasurementSession(new MeasurementOptions { GroupBy = GroupingKeys.Model, ExtraPercentiles = [80] });
        session.AddMetric(first);
        var otherPercentile = session.BuildMetrics(null).Single();

        Assert.Equal(first.Mean, carried.Mean);
        Assert.Equal(first.P95, carried.P95);
        Assert.Equal(first.StdDev, carried.StdDev);
        Assert.Equal(75, Assert.Single(carried.Percentiles).Percentile);
        Assert.Equal(first.Percentiles[0].Value, carried.Percentiles[0].Value);
        Assert.Equal(first.Mean, recomputed.Mean);
        Assert.Equal(80, Assert.Single(otherPercentile.Percentiles).Percentile);
        Assert.Equal(DescriptiveSummary.Percentile([.. first.Values.Order()], 80), otherPercentile.Percentiles[0].Value);
    }

    [Fact]
    public void A_measured_metric_makes_its_values_array_when_first_read_and_keeps_its_statistics_through_it()
    {
        var values = Samples.Around(100, 5000).ToList();
        var metric = MeasurementSession.Measure(Samples.Series("TtftMs", values), new MeasurementOptions { GroupBy = GroupingKeys.Model }).Single();

        Assert.Equal(5000, metric.ValueCount);
        Assert.Equal(values, metric.ValueList);
        var array = metric.Values;
        Assert.Equal(values, array);
        Assert.Same(array, metric.Values);
        Assert.True(metric.Summary!.Describes(metric));

        metric.Values = [.. array];
        Assert.False(metric.Summary.Describes(metric));
    }

    [Fact]
    public void The_carried_statistics_are_taken_not_recomputed_for_a_metric_piped_on_alone()
    {
        // Statistics that its values do not give: only a group that takes the carried summary shows them.
        var metric = new BenchmarkMetric { Metric = "TtftMs", Unit = "ms", Model = "m", Count = 3, Values = [1, 2, 3], Mean = 42, P50 = 41, P95 = 43 };
        metric.Summary = CarriedSummary.Of(metric);
        var second = new BenchmarkMetric { Metric = "TtftMs", Unit = "ms", Model = "m", Count = 1, Values = [10], Mean = 10 };
        second.Summary = CarriedSummary.Of(second);

        var alone = new MeasurementSession(new MeasurementOptions { GroupBy = GroupingKeys.Model });
        alone.AddMetric(metric);
        var together = new MeasurementSession(new MeasurementOptions { GroupBy = GroupingKeys.Model });
        together.AddMetric(metric);
        together.AddMetric(second);

        var carried = alone.BuildMetrics(null).Single();
        var merged = together.BuildMetrics(null).Single();
        Assert.Equal(42, carried.Mean);
        Assert.Equal(43, carried.P95);
        Assert.Equal(4, merged.Count);
        Assert.Equal(4, merged.Mean);
    }
}
