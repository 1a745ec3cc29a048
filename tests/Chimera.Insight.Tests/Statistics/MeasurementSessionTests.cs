using System.Globalization;
using Chimera.Insight;
using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class MeasurementSessionTests
{
    private static List<BenchmarkMetric> Measure(IEnumerable<BenchmarkSample> samples, MeasurementOptions? options = null) =>
        MeasurementSession.Measure(samples, options);

    [Fact]
    public void Failed_runs_are_counted_never_averaged()
    {
        var samples = new[]
        {
            Samples.Of("TtftMs", 100, record: "1"),
            Samples.Of("TtftMs", 120, record: "2"),
            Samples.Of("TtftMs", 0, record: "3", failed: true, error: "timeout"),
            Samples.Of("TtftMs", double.NaN, record: "4", failed: true, error: "timeout"),
            Samples.Of("TtftMs", 0, record: "5", failed: true, error: "OOM"),
        };

        var metric = Assert.Single(Measure(samples));

        Assert.Equal(2, metric.Count);
        Assert.Equal(3, metric.FailedCount);
        Assert.Equal(110, metric.Mean);
        Assert.Equal(100, metric.Min);
        Assert.Equal([100.0, 120.0], metric.Values);
        Assert.Equal("timeout", metric.TopError);
        Assert.Equal(["/data/run.csv"], metric.FailedSources);
        Assert.Equal([2], metric.SourceCounts);
        Assert.Equal([3], metric.SourceFailedCounts);
    }

    [Fact]
    public void A_group_whose_every_run_failed_still_appears_with_count_zero()
    {
        var samples = Samples.Series("TokensPerSecond", [77.5, 78.1], "tok/s", configuration: "num_ctx=1024")
            .Append(Samples.Of("TokensPerSecond", 0, "tok/s", configuration: "num_ctx=8192", record: "9", failed: true, error: "out of memory"))
            .Append(Samples.Of("TokensPerSecond", 0, "tok/s", configuration: "num_ctx=8192", record: "10", failed: true, error: "out of memory"));

        var metrics = Measure(samples);

        var failed = Assert.Single(metrics, m => m.Configuration == "num_ctx=8192");
        Assert.Equal(0, failed.Count);
        Assert.Equal(2, failed.FailedCount);
        Assert.Null(failed.Mean);
        Assert.Empty(failed.Values);
        Assert.Equal("out of memory", failed.TopError);
    }

    [Fact]
    public void A_failed_record_counts_once_per_metric_even_with_several_samples()
    {
        var samples = new[]
        {
            Samples.Of("TtftMs", 0, record: "1", failed: true, error: "x"),
            Samples.Of("TtftMs", 0, record: "1", failed: true, error: "x"),
            Samples.Of("TtftMs", 50, record: "2"),
        };

        Assert.Equal(1, Assert.Single(Measure(samples)).FailedCount);
    }

    [Fact]
    public void Cold_and_warm_are_separate_groups_by_default()
    {
        var samples = Samples.Series("TtftMs", [2300], phase: Phase.Cold)
            .Concat(Samples.Series("TtftMs", [130, 128, 135], source: "/data/run.csv"));

        var metrics = Measure(samples);

        Assert.Equal(2, metrics.Count);
        Assert.Equal(Phase.Warm, metrics[0].Phase);
        Assert.Equal(131, metrics[0].Mean!.Value, 9);
        Assert.Equal(Phase.Cold, metrics[1].Phase);
        Assert.Equal(2300, metrics[1].Mean);
    }

    [Fact]
    public void Without_phase_in_groupby_the_mix_is_counted_and_reported()
    {
        var session = new MeasurementSession(new MeasurementOptions { GroupBy = GroupingKeys.Model | GroupingKeys.Configuration });
        foreach (var s in Samples.Series("TtftMs", [2300], phase: Phase.Cold).Concat(Samples.Series("TtftMs", [130, 128])))
        {
            session.AddSample(s);
        }

        var metric = Assert.Single(session.BuildMetrics(null));
        Assert.Equal(1, session.MixedPhaseGroupCount);
        Assert.Equal(1, metric.ColdCount);
        Assert.Null(metric.Phase);
        Assert.Equal(3, metric.Count);
    }

    [Fact]
    public void Reported_figures_stay_apart_from_measured_ones()
    {
        var samples = Samples.Series("LatencyMs", [10, 12, 14], source: "/data/raw.csv")
            .Append(Samples.Of("LatencyMs", 24.6, statistic: Statistic.Mean, source: "/data/kernel.json"))
            .Append(Samples.Of("LatencyMs", 73.2, statistic: Statistic.StdDev, source: "/data/kernel.json"));

        var metrics = Measure(samples);

        Assert.Equal(3, metrics.Count);
        var measured = Assert.Single(metrics, m => m.Origin == MetricOrigin.Measured);
        Assert.Equal(12, measured.Mean);
        Assert.Null(measured.Statistic);
        var mean = Assert.Single(metrics, m => m.Statistic == Statistic.Mean);
        Assert.Equal(MetricOrigin.Reported, mean.Origin);
        Assert.Equal(24.6, mean.Mean);
        Assert.Empty(mean.Values);
        var stdDev = Assert.Single(metrics, m => m.Statistic == Statistic.StdDev);
        Assert.Equal(73.2, stdDev.Mean);
    }

    [Fact]
    public void NaN_infinite_and_negative_times_never_reach_a_statistic()
    {
        var session = new MeasurementSession();
        session.AddSample(Samples.Of("TtftMs", 100, record: "1"));
        session.AddSample(Samples.Of("TtftMs", double.NaN, record: "2"));
        session.AddSample(Samples.Of("TtftMs", double.PositiveInfinity, record: "3"));
        session.AddSample(Samples.Of("TtftMs", -5, record: "4"));
        session.AddSample(Samples.Of("DeltaScore", -5, unit: "", record: "5"));

        var metrics = session.BuildMetrics(null).ToList();
        var notices = session.TakeNotices();

        var ttft = Assert.Single(metrics, m => m.Metric == "TtftMs");
        Assert.Equal(1, ttft.Count);
        Assert.Equal(100, ttft.Mean);
        Assert.Equal(-5, Assert.Single(metrics, m => m.Metric == "DeltaScore").Mean);
        Assert.Equal(3, notices.Count);
        Assert.All(notices, n => Assert.Equal(MeasurementNoticeKind.InvalidData, n.Kind));
        Assert.All(notices, n => Assert.Equal("/data/run.csv", n.Source));
        Assert.Contains(notices, n => n.Location == "row 4" && n.Message.Contains("-5") && n.Message.Contains("negative"));
    }

    [Fact]
    public void The_same_records_in_two_files_are_counted_once_and_reported()
    {
        // A CSV and a JSON export of one run: same records, same values, other record ids and locations.
        var csv = Samples.Series("TtftMs", [86.5, 83.0, 89.3], source: "/data/run.csv");
        var json = Samples.Series("TtftMs", [86.5, 83.0, 89.3], source: "/data/run.json")
            .Select(s => { s.Record = "$[" + s.Record + "]"; s.Location = s.Record; return s; });
        var session = new MeasurementSession();
        foreach (var s in csv.Concat(json))
        {
            session.AddSample(s);
        }

        var metric = Assert.Single(session.BuildMetrics(null));
        var notice = Assert.Single(session.TakeNotices());

        Assert.Equal(3, metric.Count);
        Assert.Equal(["/data/run.csv"], metric.Sources);
        Assert.Equal(["/data/run.csv = /data/run.json"], metric.RedundantSources);
        Assert.Equal(MeasurementNoticeKind.Redundant, notice.Kind);
        Assert.Equal("/data/run.json", notice.Source);
        Assert.Equal("/data/run.csv", notice.Original);
    }

    [Fact]
    public void Different_runs_with_the_same_shape_are_both_counted()
    {
        var first = Samples.Series("TtftMs", [86.5, 83.0], source: "/data/a.csv");
        var second = Samples.Series("TtftMs", [86.5, 83.1], source: "/data/b.csv");

        var metric = Assert.Single(Measure(first.Concat(second)));

        Assert.Equal(4, metric.Count);
        Assert.Empty(metric.RedundantSources);
    }

    [Fact]
    public void A_byte_identical_copy_is_a_duplicate()
    {
        var registry = new RedundancyRegistry();
        var print = SampleFingerprint.Of(Samples.Series("TtftMs", [1, 2]));

        Assert.Equal((null, null), registry.Register("/a/run.csv", "abc", print));
        var (measured, reported) = registry.Register("/b/run.csv", "abc", print);

        Assert.NotNull(measured);
        Assert.Equal(RepeatKind.Duplicate, measured!.Kind);
        Assert.Equal("/a/run.csv", measured.Original);
        Assert.Equal("/a/run.csv", reported?.Original);
        // The same source again is no repeat of itself.
        Assert.Equal((null, null), registry.Register("/a/run.csv", "abc", print));
    }

    [Fact]
    public void A_summary_added_to_an_export_does_not_hide_the_repeated_raw_rows()
    {
        var csv = Samples.Series("TtftMs", [86.5, 83.0], source: "/data/run.csv");
        var json = Samples.Series("TtftMs", [86.5, 83.0], source: "/data/run.json")
            .Append(Samples.Of("TtftMs", 84.75, statistic: Statistic.Mean, source: "/data/run.json"));

        var metrics = Measure(csv.Concat(json));

        Assert.Equal(2, Assert.Single(metrics, m => m.Origin == MetricOrigin.Measured).Count);
        Assert.Equal(84.75, Assert.Single(metrics, m => m.Origin == MetricOrigin.Reported).Mean);
    }

    [Fact]
    public void Metric_filter_groupby_source_and_extra_percentiles()
    {
        var samples = Samples.Series("TtftMs", [1, 2, 3, 4], source: "/a.csv")
            .Concat(Samples.Series("TtftMs", [10, 20], source: "/b.csv"))
            .Concat(Samples.Series("TokensPerSecond", [70, 71], "tok/s", source: "/a.csv"));
        var options = new MeasurementOptions
        {
            GroupBy = GroupingKeysParser.Parse(["Source"]),
            MetricFilter = m => m.StartsWith("Ttft", StringComparison.Ordinal),
            ExtraPercentiles = [25, 50],
        };

        var metrics = Measure(samples, options);

        Assert.Equal(2, metrics.Count);
        Assert.All(metrics, m => Assert.Equal("TtftMs", m.Metric));
        Assert.All(metrics, m => Assert.Null(m.Model));
        Assert.Equal("/a.csv", metrics[0].Source);
        Assert.Equal(1.75, Assert.Single(metrics[0].Percentiles).Value, 10);
    }

    [Fact]
    public void Unknown_grouping_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GroupingKeysParser.Parse(["Colour"]));
        Assert.Equal(GroupingKeys.Default, GroupingKeysParser.Parse(null));
        Assert.Equal(GroupingKeys.Model | GroupingKeys.Prompt, GroupingKeysParser.Parse(["model", "Prompt"]));
    }

    [Fact]
    public void Metrics_measured_earlier_regroup_to_the_same_figures()
    {
        var samples = Samples.Series("TtftMs", [100, 110, 120, 130], configuration: "num_ctx=1024")
            .Concat(Samples.Series("TtftMs", [200, 210], configuration: "num_ctx=2048", source: "/data/other.csv"))
            .Append(Samples.Of("TtftMs", 0, configuration: "num_ctx=2048", source: "/data/other.csv", record: "9", failed: true, error: "boom"));
        var byConfiguration = Measure(samples);

        var session = new MeasurementSession(new MeasurementOptions { GroupBy = GroupingKeys.Model | GroupingKeys.Phase });
        foreach (var m in byConfiguration)
        {
            session.AddMetric(m);
        }

        var pooled = Assert.Single(session.BuildMetrics(null));
        var direct = Assert.Single(Measure(samples, new MeasurementOptions { GroupBy = GroupingKeys.Model | GroupingKeys.Phase }));
        Assert.Equal(direct.Count, pooled.Count);
        Assert.Equal(direct.FailedCount, pooled.FailedCount);
        Assert.Equal(direct.Mean, pooled.Mean);
        Assert.Equal(direct.P95, pooled.P95);
        Assert.Equal(direct.StdDev, pooled.StdDev);
        Assert.Equal(direct.Sources, pooled.Sources);
        Assert.Equal(direct.SourceFailedCounts, pooled.SourceFailedCounts);
        Assert.Equal("boom", pooled.TopError);
    }

    [Fact]
    public void Metrics_given_back_are_guarded_too_and_reported_ones_stay_reported()
    {
        var session = new MeasurementSession();
        session.AddMetric(new BenchmarkMetric { Metric = "TtftMs", Unit = "ms", Count = 3, Values = [100, double.NaN, -1], Sources = ["/a.csv"] });
        session.AddMetric(new BenchmarkMetric { Metric = "LatencyMs", Unit = "ms", Origin = MetricOrigin.Reported, Statistic = Statistic.Mean, Count = 1, Mean = 24.6 });

        var metrics = session.BuildMetrics(null).ToList();

        var ttft = Assert.Single(metrics, m => m.Metric == "TtftMs");
        Assert.Equal([100.0], ttft.Values);
        var reported = Assert.Single(metrics, m => m.Metric == "LatencyMs");
        Assert.Equal(MetricOrigin.Reported, reported.Origin);
        Assert.Equal(Statistic.Mean, reported.Statistic);
        Assert.Equal(24.6, reported.Mean);
        Assert.Contains("2 value(s)", Assert.Single(session.TakeNotices()).Message);
    }

    [Fact]
    public void Configuration_parts_are_kept_when_the_group_agrees_and_dropped_when_not()
    {
        var a = Samples.Of("TtftMs", 1, record: "1");
        a.NumCtx = 1024; a.NumGpu = 80;
        var b = Samples.Of("TtftMs", 2, record: "2");
        b.NumCtx = 1024; b.NumGpu = 40;

        var metric = Assert.Single(Measure([a, b]));

        Assert.Equal(1024, metric.NumCtx);
        Assert.Null(metric.NumGpu);
    }

    [Fact]
    public void Figures_and_messages_do_not_depend_on_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var session = new MeasurementSession();
            session.AddSample(Samples.Of("TtftMs", 1.5, record: "1"));
            session.AddSample(Samples.Of("TtftMs", -2.5, record: "2"));
            var metric = Assert.Single(session.BuildMetrics(null));

            Assert.Equal(1.5, metric.Mean);
            Assert.Contains("-2.5", Assert.Single(session.TakeNotices()).Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Inventory_from_sources_when_only_samples_were_given()
    {
        var summary = SourceInventory.Summarize(["/x/a.csv", "/x/b.json", "/y/c.json", "/x/a.csv"]);

        Assert.Equal(3, summary.FileCount);
        Assert.Equal(2, summary.Kinds.Single(k => k.Kind == ArtifactKind.Json).Count);
        Assert.Equal(["/x", "/y"], summary.Roots);
    }

    [Fact]
    public void Results_come_back_in_input_order_from_parallel_work()
    {
        var reader = new OrderedParallelReader<int, int>((i, _) => { Thread.Sleep((7 - i % 7) * 2); return i; }, 3, CancellationToken.None);
        var results = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            results.AddRange(reader.Add(i));
        }

        results.AddRange(reader.Complete());
        Assert.Equal(Enumerable.Range(0, 40), results);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Every_result_comes_back_once_in_order_with_no_more_than_degree_at_work(int degree)
    {
        var atWork = 0;
        var mostAtWork = 0;
        var reader = new OrderedParallelReader<int, int>((i, _) =>
        {
            var now = Interlocked.Increment(ref atWork);
            InterlockedMax(ref mostAtWork, now);
            // Mostly instant, sometimes a little longer: loops run dry and start again many times.
            if (i % 97 == 0)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(i % 50);
            }

            Interlocked.Decrement(ref atWork);
            return i * 3;
        }, degree, CancellationToken.None);

        var results = new List<int>();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                results.AddRange(reader.Add(i));
                if (i % 1000 == 0)
                {
                    Thread.Sleep(1); // the producer pauses: every loop leaves, and later items must start new ones
                }
            }

            results.AddRange(reader.Complete());
        });

        // Not a speed limit: a lost wake-up would hang here for ever.
        Assert.Same(producer, await Task.WhenAny(producer, Task.Delay(TimeSpan.FromMinutes(2))));
        await producer;
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i * 3), results);
        Assert.InRange(mostAtWork, 1, degree);
    }

    [Fact]
    public void A_failure_is_thrown_in_its_turn_and_no_result_comes_out_of_order()
    {
        var reader = new OrderedParallelReader<int, int>((i, _) => i == 5 ? throw new InvalidDataException("item 5") : i, 2, CancellationToken.None);
        var results = new List<int>();
        InvalidDataException? failure = null;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                results.AddRange(reader.Add(i));
            }
            catch (InvalidDataException e)
            {
                failure = e;
            }
        }

        try
        {
            foreach (var result in reader.Complete())
            {
                results.Add(result);
            }
        }
        catch (InvalidDataException e)
        {
            failure = e;
        }

        Assert.Equal("item 5", failure?.Message);
        Assert.DoesNotContain(5, results);
        Assert.Equal(results.OrderBy(r => r), results);
    }

    [Fact]
    public async Task A_cancelled_run_stops_waiting()
    {
        using var cancel = new CancellationTokenSource();
        using var release = new ManualResetEventSlim(false);
        var reader = new OrderedParallelReader<int, int>((i, token) => { release.Wait(token); return i; }, 1, cancel.Token);
        for (var i = 0; i < 4; i++)
        {
            reader.Add(i);
        }

        cancel.CancelAfter(50);
        var waiting = Task.Run(() => reader.Complete().ToList());
        // Not a speed limit: without the cancellation the wait would never end, and the test must fail, not hang.
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMinutes(2))));
        release.Set();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>Files are measured from their records, samples from samples: both ways must give the same metrics.</summary>
public sealed class RecordPathTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "chimera-records-" + Guid.NewGuid().ToString("N"));

    public RecordPathTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(GroupingKeys.Default)]
    [InlineData(GroupingKeys.Model | GroupingKeys.Phase)]
    [InlineData(GroupingKeys.Model | GroupingKeys.Configuration | GroupingKeys.Prompt | GroupingKeys.Source)]
    public void Measuring_a_file_equals_measuring_its_samples(GroupingKeys keys)
    {
        var csv = Write("sweep.csv",
            "model,num_ctx,ttft_s,tokens_s,load_s,eval_count,eval_s,gap_ms,error\n" +
            "m1,1024,2.31,101.5,2.2,120,1.1,3,\n" +
            "m1,1024,0.13,104.2,0.08,118,1.0,4,\n" +
            "m1,1024,0.12,,0.07,121,1.2,5,\n" +
            "m1,1024,0.14,103.9,0.09,119,1.1,6,\n" +
            // a time that cannot be negative, refused when aggregated: its group holds nothing else
            "m1,2048,-1,99.9,0.1,100,1.0,-2,\n" +
            "m2,1024,0,0,0,0,0,0,HTTP 500: model runner stopped\n" +
            "m2,1024,0.2,88.1,0.1,90,1.0,1,\n");
        var json = Write("suite.json",
            "{\"model\":\"m3\",\"options\":{\"num_ctx\":4096},\"results\":[" +
            "{\"prompt_index\":0,\"success\":true,\"ttft_s\":2.9,\"tokens_s\":80.5,\"load_s\":2.8}," +
            "{\"prompt_index\":1,\"success\":true,\"ttft_s\":0.1,\"tokens_s\":81.5,\"load_s\":0.05}," +
            "{\"prompt_index\":2,\"success\":false,\"error\":\"timeout\"}," +
            "{\"prompt_index\":3,\"success\":true,\"ttft_s\":0.11,\"tokens_s\":82.5,\"load_s\":0.06}]," +
            "\"summary\":{\"mean_tokens_s\":81.5}}");
        var options = new MeasurementOptions { GroupBy = keys };

        var fromFiles = new MeasurementSession(options);
        var fromRecords = new MeasurementSession(options);
        var samples = new List<BenchmarkSample>();
        foreach (var (path, kind) in new[] { (csv, ArtifactKind.Csv), (json, ArtifactKind.Json) })
        {
            fromFiles.AddFile(new BenchmarkFile { FullName = path, Name = Path.GetFileName(path), Kind = kind, Length = new FileInfo(path).Length });
            var read = Chimera.Insight.Extraction.ArtifactReader.Read(path, kind);
            samples.AddRange(read.Samples);
            foreach (var record in read.Records)
            {
                fromRecords.AddRecord(record);
            }
        }

        var expected = MeasurementSession.Measure(samples, options);
        var actual = fromFiles.BuildMetrics(null).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(Describe(expected), Describe(actual));
        Assert.Equal(Describe(expected), Describe(fromRecords.BuildMetrics(null).ToList()));
    }

    [Fact]
    public void A_file_fingerprinted_from_its_records_equals_its_samples_fingerprint()
    {
        var csv = Write("sweep.csv",
            "model,num_ctx,ttft_s,tokens_s,load_s,error\n" +
            "m1,1024,2.31,101.5,2.2,\n" +
            "m1,1024,0.13,104.2,0.08,\n" +
            "m1,1024,0,0,0,HTTP 500\n");
        var json = Write("suite.json",
            "{\"model\":\"m3\",\"results\":[{\"ttft_s\":0.1,\"tokens_s\":80.5}," +
            "{\"ttft_s\":0.11,\"tokens_s\":81.5}],\"summary\":{\"mean_tokens_s\":81.0}}");

        foreach (var (path, kind) in new[] { (csv, ArtifactKind.Csv), (json, ArtifactKind.Json) })
        {
            var result = Chimera.Insight.Extraction.ArtifactReader.Read(path, kind);
            var fromRecords = ContentFingerprint.Compute(result.Records, new ContentFingerprint.Scratch());
            var fromSamples = SampleFingerprint.Of(result.Samples);

            Assert.NotNull(fromRecords.Raw);
            Assert.Equal(fromSamples.Raw, fromRecords.Raw);
            Assert.Equal(fromSamples.Reported, fromRecords.Reported);
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<string> Describe(IEnumerable<BenchmarkMetric> metrics) => metrics.Select(m => string.Join("|",
        m.Metric, m.Unit, m.Origin, m.Statistic, m.Model, m.Backend, m.Configuration, m.Phase, m.Prompt, m.Source, m.Count, m.FailedCount,
        m.ColdCount, string.Join(",", m.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))), m.Mean, m.TopError,
        string.Join(",", m.Sources), string.Join(",", m.SourceCounts), string.Join(",", m.SourceFailedCounts), m.NumCtx, m.LatestTimestamp))
        .ToList();
}

public class ContentFingerprintTests
{
    [Fact]
    public void Seconds_converted_to_ms_match_the_same_figure_written_in_ms()
    {
        var fromSeconds = Samples.Series("TtftMs", [0.0865 * 1000, 0.083 * 1000], source: "/a.csv");
        var fromMs = Samples.Series("TtftMs", [86.5, 83.0], source: "/a.json");

        Assert.Equal(SampleFingerprint.Of(fromSeconds).Raw, SampleFingerprint.Of(fromMs).Raw);
    }

    [Fact]
    public void Record_order_ids_and_locations_do_not_matter_but_values_and_dimensions_do()
    {
        var a = Samples.Series("TtftMs", [1, 2, 3]).ToList();
        var reordered = Samples.Series("TtftMs", [3, 1, 2]).Select(s => { s.Record = "x" + s.Record; s.Location = null; return s; });
        var otherValue = Samples.Series("TtftMs", [1, 2, 3.0001]);
        var otherModel = Samples.Series("TtftMs", [1, 2, 3], model: "other");

        var print = SampleFingerprint.Of(a).Raw;
        Assert.Equal(print, SampleFingerprint.Of(reordered).Raw);
        Assert.NotEqual(print, SampleFingerprint.Of(otherValue).Raw);
        Assert.NotEqual(print, SampleFingerprint.Of(otherModel).Raw);
        Assert.Null(SampleFingerprint.Of(a).Reported);
    }

    [Fact]
    public void Values_moved_between_records_change_the_fingerprint()
    {
        var together = new[] { Samples.Of("TtftMs", 1, record: "1"), Samples.Of("TokensPerSecond", 70, "tok/s", record: "1"),
            Samples.Of("TtftMs", 2, record: "2"), Samples.Of("TokensPerSecond", 80, "tok/s", record: "2") };
        var swapped = new[] { Samples.Of("TtftMs", 1, record: "1"), Samples.Of("TokensPerSecond", 80, "tok/s", record: "1"),
            Samples.Of("TtftMs", 2, record: "2"), Samples.Of("TokensPerSecond", 70, "tok/s", record: "2") };

        Assert.NotEqual(SampleFingerprint.Of(together).Raw, SampleFingerprint.Of(swapped).Raw);
    }
}

/// <summary>The fingerprint of samples: folded back into their records first, as a measurement folds them.</summary>
internal static class SampleFingerprint
{
    public static ContentFingerprint Of(IEnumerable<BenchmarkSample> samples) =>
        ContentFingerprint.Compute(SampleRecords.Of(samples.ToList(), []), new ContentFingerprint.Scratch());
}

public class ValueBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    [InlineData(10000)]
    public void Keeps_every_value_in_order(int count)
    {
        var buffer = new ValueBuffer();
        var other = new ValueBuffer();
        for (var i = 0; i < count; i++)
        {
            buffer.Add(i);
            other.Add(-i);
        }

        buffer.AddRange(other.ToArray());

        Assert.Equal(2 * count, buffer.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (double)i).Concat(Enumerable.Range(0, count).Select(i => (double)-i)), buffer.ToArray());
        var expected = Enumerable.Range(0, count).Select(i => (double)i).Concat(Enumerable.Range(0, count).Select(i => (double)-i)).ToArray();
        Assert.Equal(expected, buffer);
        Assert.Equal(expected, Enumerable.Range(0, buffer.Count).Select(i => buffer[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer[buffer.Count]);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(300, 1)]
    [InlineData(512, 1)]
    [InlineData(1000, 700)]
    public void Reads_another_buffers_values_in_place_until_it_gets_one_of_its_own(int count, int more)
    {
        var given = new ValueBuffer();
        for (var i = 0; i < count; i++)
        {
            given.Add(i);
        }

        var buffer = new ValueBuffer();
        buffer.AddRange((IReadOnlyList<double>)given);
        Assert.Equal(given.ToArray(), buffer.ToArray());
        Assert.Equal(count, buffer.Count);

        for (var i = 0; i < more; i++)
        {
            buffer.Add(-1 - i);
        }

        var expected = Enumerable.Range(0, count).Select(i => (double)i).Concat(Enumerable.Range(0, more).Select(i => (double)(-1 - i))).ToArray();
        Assert.Equal(expected, buffer.ToArray());
        Assert.Equal(expected, Enumerable.Range(0, buffer.Count).Select(i => buffer[i]));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (double)i), given);
    }
}

public class SourceTalliesTests
{
    [Fact]
    public void Counts_each_source_once_in_the_order_the_aggregator_first_met_them()
    {
        var ids = new SourceIds();
        var first = new SourceTallies(ids);
        var second = new SourceTallies(ids);
        foreach (var source in new[] { "/a", "/b", "/c", "/d" })
        {
            ids.IdOf(source);
        }

        // Met out of order by this group: /c, then /a (older), then /c again, /d, and a failure from /b.
        second.AddValue("/c");
        second.AddValue("/a");
        second.AddValue("/c");
        second.AddValue(new string('/', 1) + "d"); // equal text, another string object
        second.AddFailure("/b");
        first.AddValue("/e");

        Assert.Equal(["/a", "/b", "/c", "/d"], second.Sources());
        Assert.Equal([1, 0, 2, 1], second.Counts());
        Assert.Equal([0, 1, 0, 0], second.FailedCounts());
        Assert.Equal(["/b"], second.FailedSources());
        Assert.Equal(["/e"], first.Sources());
    }
}
