using System.Globalization;
using System.Text;
using Chimera.Insight;
using Chimera.Insight.Inventory;
using Chimera.Insight.Statistics;
using Chimera.Insight.Tests.Inventory;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

/// <summary>Partial results measured on several "servers" (folders), merged, against one run over all the files.</summary>
public class PartialMergeTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Servers = ["lab01", "lab02", "lab03", "lab04"];

    /// <summary>Four server folders of CSV run logs (seconds with 4 decimals, read as ms; a cold first row; failed
    /// rows), JSONL request logs (seconds with binary noise: full 17-digit doubles) and Markdown reports (reported
    /// figures), plus a byte-identical copy of a lab01 file on lab03 and the same run re-exported as JSONL on lab04.</summary>
    private static void WriteCorpus(TempTree tree)
    {
        var random = new Random(7);
        string[] models = ["gemma3:latest", "llama3.1:8b"];
        for (var s = 0; s < Servers.Length; s++)
        {
            for (var f = 0; f < 6; f++)
            {
                var model = models[random.Next(models.Length)];
                var ctx = new[] { 512, 2048 }[random.Next(2)];
                var csv = new StringBuilder("model,num_ctx,ttft_s,tokens_s,eval_count,error\n");
                for (var r = 0; r < 15; r++)
                {
                    if (r > 0 && random.Next(8) == 0)
                    {
                        csv.Append(Inv, $"{model},{ctx},0,0,0,HTTP 500\n");
                        continue;
                    }

                    var ttft = (r == 0 ? 2.0 : 0.08) + random.NextDouble() * 0.05;
                    csv.Append(Inv, $"{model},{ctx},{ttft:0.####},{90 + random.NextDouble() * 30:0.00},{80 + random.Next(200)},\n");
                }

                tree.File($"{Servers[s]}/run{f}/sweep_{s}{f}.csv", csv.ToString());
            }

            var jsonl = new StringBuilder();
            for (var r = 0; r < 40; r++)
            {
                jsonl.Append(Inv, $"{{\"model\":\"gemma3:latest\",\"num_ctx\":512,\"success\":true,\"ttft_s\":{(0.07 + random.NextDouble() * 0.04).ToString("R", Inv)}}}\n");
            }

            tree.File($"{Servers[s]}/requests_{s}.jsonl", jsonl.ToString());
            tree.File($"{Servers[s]}/insight_report_{s}.md",
                $"# Insight report\n\n**Model:** gemma3:latest\n\n## Metrics\n- Throughput: {100 + s}.25 tok/s\n- TTFT: {300 + s * 7}.5 ms\n");
        }

        tree.File("lab03/copied/sweep_00.csv", File.ReadAllText(tree.Full("lab01/run0/sweep_00.csv")));
        // lab02's first run exported again as JSONL: other bytes, the same records.
        var lines = File.ReadAllLines(tree.Full("lab02/run0/sweep_10.csv")).Skip(1).Select(l => l.Split(','));
        tree.File("lab04/export/sweep_10.jsonl", string.Concat(lines.Select(c =>
            c[5].Length > 0
                ? $"{{\"model\":\"{c[0]}\",\"num_ctx\":{c[1]},\"ttft_s\":{c[2]},\"tokens_s\":{c[3]},\"eval_count\":{c[4]},\"error\":\"{c[5]}\"}}\n"
                : $"{{\"model\":\"{c[0]}\",\"num_ctx\":{c[1]},\"ttft_s\":{c[2]},\"tokens_s\":{c[3]},\"eval_count\":{c[4]},\"error\":\"\"}}\n")));
    }

    private static MeasurementSession Session(string path, bool partial, GroupingKeys keys = GroupingKeys.Default)
    {
        var session = new MeasurementSession(new MeasurementOptions { Partial = partial, GroupBy = keys });
        foreach (var entry in new InventoryWalker().Walk(path))
        {
            if (entry.File is { } file)
            {
                session.AddFile(file);
            }
        }

        return session;
    }

    private static List<object> PartialOf(string path, GroupingKeys keys = GroupingKeys.Default) =>
        Session(path, partial: true, keys).BuildParts(inventory: null).ToList();

    private static MeasurementSession Merge(IEnumerable<(string Computer, List<object> Objects)> servers, GroupingKeys keys = GroupingKeys.Default)
    {
        var central = new MeasurementSession(new MeasurementOptions { GroupBy = keys });
        foreach (var (computer, objects) in servers)
        {
            foreach (var item in objects)
            {
                switch (item)
                {
                    case BenchmarkPartialRun run:
                        central.AddPartialRun(run, computer);
                        break;
                    case BenchmarkMetricPart part:
                        central.AddPart(part, computer);
                        break;
                }
            }
        }

        return central;
    }

    private static void AssertSame(IReadOnlyList<BenchmarkMetric> single, IReadOnlyList<BenchmarkMetric> merged)
    {
        Assert.Equal(single.Count, merged.Count);
        for (var i = 0; i < single.Count; i++)
        {
            var (a, b) = (single[i], merged[i]);
            var what = $"{a.Metric} {a.Model} {a.Configuration} {a.Phase} {a.Statistic}";
            Assert.True(a.Metric == b.Metric && a.Model == b.Model && a.Configuration == b.Configuration && a.Phase == b.Phase
                && a.Origin == b.Origin && a.Statistic == b.Statistic, what + " vs " + b);
            Assert.True(a.Count == b.Count, $"{what}: count {a.Count} vs {b.Count}");
            Assert.True(a.FailedCount == b.FailedCount, $"{what}: failed {a.FailedCount} vs {b.FailedCount}");
            Assert.Equal(a.ColdCount, b.ColdCount);
            if (a.Mean is { } mean)
            {
                Assert.True(Math.Abs(mean - b.Mean!.Value) <= 1e-9 * Math.Abs(mean), $"{what}: mean {mean} vs {b.Mean}");
            }

            // Values shipped: the percentiles are exactly those of one run.
            Assert.Equal(a.P50, b.P50);
            Assert.Equal(a.P90, b.P90);
            Assert.Equal(a.P99, b.P99);
            Assert.Equal(a.Min, b.Min);
            Assert.Equal(a.Max, b.Max);
            Assert.Equal(a.Values.OrderBy(v => v), b.Values.OrderBy(v => v));
            Assert.Equal(a.Sources.Length, b.Sources.Length);
            Assert.Equal(a.SourceCounts.Sum(), b.SourceCounts.Sum());
            Assert.Equal(a.SourceFailedCounts.Sum(), b.SourceFailedCounts.Sum());
            Assert.Equal(a.TopError, b.TopError);
            Assert.Equal(a.NumCtx, b.NumCtx);
            Assert.Null(b.QuantileRelativeError);
        }
    }

    [Fact]
    public void Merged_parts_of_four_servers_equal_one_run_over_all_their_files()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var single = Session(tree.Root, partial: false).BuildMetrics(null).ToList();

        var central = Merge(Servers.Select(s => (s, PartialOf(tree.Full(s)))));
        var merged = central.BuildMetrics(null).ToList();

        AssertSame(single, merged);
        Assert.All(merged.Where(m => m.Metric == "TtftMs"), m => Assert.NotEmpty(m.ComputerNames));
        Assert.Equal(Servers, central.PartialComputerNames);
    }

    [Fact]
    public void A_copy_on_another_server_and_a_re_export_of_the_same_run_count_once_and_are_named()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var central = Merge(Servers.Select(s => (s, PartialOf(tree.Full(s)))));
        var merged = central.BuildMetrics(null).ToList();
        var notices = central.TakeNotices();

        var copy = Assert.Single(notices, n => n.Kind == MeasurementNoticeKind.Duplicate);
        Assert.StartsWith("lab03:", copy.Source);
        Assert.StartsWith("lab01:", copy.Original);
        var export = Assert.Single(notices, n => n.Kind == MeasurementNoticeKind.Redundant);
        Assert.StartsWith("lab04:", export.Source);
        Assert.StartsWith("lab02:", export.Original);
        Assert.Contains(merged, m => m.DuplicateSources.Any(d => d.Contains("lab03:", StringComparison.Ordinal)));
        Assert.DoesNotContain(merged.SelectMany(m => m.Sources), s => s == copy.Source);
    }

    [Fact]
    public void Parts_arriving_in_any_order_merge_to_the_same_figures()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var servers = Servers.Select(s => (s, PartialOf(tree.Full(s)))).ToList();
        var forward = Merge(servers).BuildMetrics(null).ToList();
        // Interleaved and reversed, as Invoke-Command delivers them.
        var shuffled = servers.SelectMany(s => s.Item2.Select(o => (s.s, o))).OrderBy(p => p.o.GetHashCode()).Reverse()
            .Select(p => (p.s, new List<object> { p.o }));
        var backward = Merge(shuffled).BuildMetrics(null).ToList();

        AssertSame(forward, backward);
    }

    [Fact]
    public void Mann_Whitney_verdicts_of_merged_sides_are_those_of_single_runs()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var keys = MetricComparer.EffectiveGrouping(GroupingKeys.Model | GroupingKeys.Configuration);
        MeasurementSession SingleOver(params string[] servers)
        {
            var session = new MeasurementSession(new MeasurementOptions { GroupBy = keys });
            foreach (var server in servers)
            {
                foreach (var entry in new InventoryWalker().Walk(tree.Full(server)))
                {
                    session.AddFile(entry.File!);
                }
            }

            return session;
        }

        var reference = SingleOver("lab01", "lab02").BuildMetrics(null).ToList();
        var difference = SingleOver("lab03", "lab04").BuildMetrics(null).ToList();
        var mergedReference = Merge(new[] { "lab01", "lab02" }.Select(s => (s, PartialOf(tree.Full(s), keys))), keys).BuildMetrics(null).ToList();
        var mergedDifference = Merge(new[] { "lab03", "lab04" }.Select(s => (s, PartialOf(tree.Full(s), keys))), keys).BuildMetrics(null).ToList();
        var options = new ComparisonOptions { GroupBy = keys, ThresholdPercent = 1, Alpha = 0.05 };

        var expected = MetricComparer.Compare(reference, difference, options);
        var actual = MetricComparer.Compare(mergedReference, mergedDifference, options);

        Assert.Equal(expected.Count, actual.Count);
        Assert.Contains(expected, c => c.Basis == MetricComparer.BasisMannWhitneyU);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Verdict, actual[i].Verdict);
            Assert.Equal(expected[i].Basis, actual[i].Basis);
            Assert.Equal(expected[i].PValue, actual[i].PValue);
        }
    }

    [Fact]
    public void Parts_merged_at_a_hub_and_made_into_parts_again_still_equal_one_run()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var single = Session(tree.Root, partial: false).BuildMetrics(null).ToList();
        var hub = new MeasurementSession(new MeasurementOptions { Partial = true });
        foreach (var server in Servers.Take(2))
        {
            foreach (var item in PartialOf(tree.Full(server)))
            {
                if (item is BenchmarkPartialRun run) hub.AddPartialRun(run, server);
                else hub.AddPart((BenchmarkMetricPart)item, server);
            }
        }

        var fromHub = hub.BuildParts(null).ToList();
        var merged = Merge(new[] { ("hub", fromHub) }.Concat(Servers.Skip(2).Select(s => (s, PartialOf(tree.Full(s)))))).BuildMetrics(null).ToList();

        AssertSame(single, merged);
    }

    [Fact]
    public void The_inventory_is_shipped_once_per_run_and_the_merged_one_adds_the_servers_up()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var inventories = Servers.Select(s => new BenchmarkInventorySummary { FileCount = 3, TotalBytes = 100, Roots = ["/data"] }).ToList();
        var servers = Servers.Select((s, i) => (s, Session(tree.Full(s), partial: true).BuildParts(inventories[i]).ToList())).ToList();

        Assert.All(servers, s => Assert.IsType<BenchmarkPartialRun>(s.Item2[0]));
        Assert.All(servers, s => Assert.Equal(s.Item2.Count - 1, ((BenchmarkPartialRun)s.Item2[0]).PartCount));
        var central = Merge(servers);
        central.Complete();
        var inventory = central.InheritedInventory!;
        Assert.Equal(12, inventory.FileCount);
        Assert.Equal(400, inventory.TotalBytes);
        Assert.Equal(Servers.Select(s => s + ":/data"), inventory.Roots);
        Assert.Equal(Servers, inventory.ComputerNames);
    }

    [Fact]
    public void Groups_beyond_the_value_limit_ship_a_sketch_within_its_stated_error()
    {
        var random = new Random(3);
        var all = new List<double>();
        var servers = new List<(string, List<object>)>();
        for (var s = 0; s < 2; s++)
        {
            var session = new MeasurementSession(new MeasurementOptions { Partial = true });
            var values = Enumerable.Range(0, 40000).Select(_ => Math.Exp(4 + random.NextDouble() * 3)).ToArray();
            all.AddRange(values);
            foreach (var sample in Samples.Series("TtftMs", values, source: $"/s{s}/big.csv"))
            {
                session.AddSample(sample);
            }

            servers.Add(($"lab0{s}", session.BuildParts(null).ToList()));
        }

        // 40,000 values a server stay exact; the hub's 80,000 go on as a sketch.
        Assert.All(servers, s => Assert.Equal(PartEncoding.Values, s.Item2.OfType<BenchmarkMetricPart>().Single().Encoding));
        var hub = new MeasurementSession(new MeasurementOptions { Partial = true });
        foreach (var (computer, objects) in servers)
        {
            foreach (var item in objects)
            {
                if (item is BenchmarkPartialRun run) hub.AddPartialRun(run, computer);
                else hub.AddPart((BenchmarkMetricPart)item, computer);
            }
        }

        var sketched = hub.BuildParts(null).ToList();
        Assert.Equal(PartEncoding.Sketch, sketched.OfType<BenchmarkMetricPart>().Single().Encoding);
        var metric = Assert.Single(Merge([("hub", sketched)]).BuildMetrics(null));
        var exact = Assert.Single(MeasurementSession.Measure(all.Select((v, i) => Samples.Of("TtftMs", v, record: i.ToString(Inv)))));

        Assert.Equal(80000, metric.Count);
        Assert.Equal(BenchmarkMetricPart.SketchRelativeError, metric.QuantileRelativeError);
        Assert.True(Math.Abs(exact.Mean!.Value - metric.Mean!.Value) <= 1e-9 * exact.Mean.Value);
        Assert.True(Math.Abs(exact.StdDev!.Value - metric.StdDev!.Value) <= 1e-9 * exact.StdDev.Value);
        Assert.Equal(exact.Min, metric.Min);
        Assert.Equal(exact.Max, metric.Max);
        foreach (var (e, m) in new[] { (exact.P50, metric.P50), (exact.P90, metric.P90), (exact.P95, metric.P95), (exact.P99, metric.P99) })
        {
            Assert.True(Math.Abs(e!.Value - m!.Value) <= BenchmarkMetricPart.SketchRelativeError * e.Value, $"{m} vs {e}");
        }

        Assert.Equal(80000, metric.Values.Length);
    }

    [Fact]
    public void Values_survive_the_coding_bit_for_bit()
    {
        var random = new Random(11);
        double[] odd = [0, -0.0, -12.5, 1e-300, 1e300, double.Epsilon, 0.1 + 0.2, 1.8234 * 1000, 77.5, 123456789.123, -1e-7];
        var values = odd.Concat(Enumerable.Range(0, 500).Select(_ => Math.Round(random.NextDouble() * 3, 4) * 1000))
            .Concat(Enumerable.Range(0, 100).Select(_ => random.NextDouble() * 1e6)).ToArray();
        var segments = new List<PartSegment> { new(0, values.Length, 3, 1, values.OrderBy(v => v).ToArray()), new(5, 0, 0, 2, []) };

        var back = PartContent.Decode(new PartContent { Segments = segments }.Encode()).Segments;

        Assert.Equal(2, back.Count);
        Assert.Equal(segments[0].Values.Select(BitConverter.DoubleToInt64Bits), back[0].Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal((5, 0, 0, 2), (back[1].Source, back[1].Count, back[1].Cold, back[1].Failed));
        Assert.Equal((3, 1), (back[0].Cold, back[0].Failed));
    }

    [Fact]
    public void Decimal_figures_read_in_another_unit_cost_about_two_bytes_a_value()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 2000).Select(_ => Math.Round(0.05 + random.NextDouble() * 0.05, 4) * 1000).OrderBy(v => v).ToArray();

        var text = new PartContent { Segments = [new PartSegment(0, values.Length, 0, 0, values)] }.Encode();

        Assert.True(text.Length < values.Length * 2, $"{text.Length} characters for {values.Length} values");
    }

    [Fact]
    public void A_damaged_part_is_named_and_the_others_still_merge()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var lab01 = PartialOf(tree.Full("lab01"));
        var damaged = lab01.OfType<BenchmarkMetricPart>().First();
        damaged.Payload = "not base64!";

        var central = Merge([("lab01", lab01), ("lab02", PartialOf(tree.Full("lab02")))]);
        var merged = central.BuildMetrics(null).ToList();

        Assert.NotEmpty(merged);
        Assert.Contains(central.TakeNotices(), n => n.Kind == MeasurementNoticeKind.InvalidData && n.Message.Contains("lab01", StringComparison.Ordinal)
            && n.Message.Contains(damaged.Metric, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("/////w8AAAA=")] // a huge stated length
    [InlineData("BAF4nGNgYGBg")] // a short, broken stream
    public void A_damaged_payload_is_an_error_not_a_crash(string payload)
    {
        Assert.Throws<InvalidDataException>(() => PartContent.Decode(payload));
    }

    [Fact]
    public void Parts_without_their_run_record_merge_and_the_loss_is_said()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var parts = PartialOf(tree.Full("lab01")).Skip(1).ToList();
        var single = Session(tree.Full("lab01"), partial: false).BuildMetrics(null).ToList();

        var central = Merge([("lab01", parts)]);
        var merged = central.BuildMetrics(null).ToList();

        Assert.Equal(single.Sum(m => m.Count), merged.Sum(m => m.Count));
        Assert.Contains(central.TakeNotices(), n => n.Message.Contains("without the run's", StringComparison.Ordinal));
    }

    [Fact]
    public void Expected_computers_that_sent_nothing_are_named_missing()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var central = Merge(Servers.Take(2).Select(s => (s, PartialOf(tree.Full(s)))));
        central.Complete();

        Assert.Equal(["lab09"], central.MissingComputers(["lab01", "LAB02", "lab09", "lab01"]));
    }

    [Fact]
    public void Parts_measured_on_this_machine_keep_their_paths_and_come_from_localhost()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var central = Merge(Servers.Select(s => ((string)null!, PartialOf(tree.Full(s)))));
        var merged = central.BuildMetrics(null).ToList();
        var single = Session(tree.Root, partial: false).BuildMetrics(null).ToList();

        Assert.All(merged, m => Assert.Equal(["localhost"], m.ComputerNames));
        Assert.Equal(single.SelectMany(m => m.Sources).Distinct().OrderBy(p => p), merged.SelectMany(m => m.Sources).Distinct().OrderBy(p => p));
        Assert.Empty(central.MissingComputers([Environment.MachineName, "localhost"]));
    }

    [Fact]
    public void Parts_piped_in_twice_count_once_and_that_is_said()
    {
        using var tree = new TempTree();
        WriteCorpus(tree);
        var lab01 = PartialOf(tree.Full("lab01"));
        var single = Session(tree.Full("lab01"), partial: false).BuildMetrics(null).ToList();

        var central = Merge([("lab01", lab01), ("lab01", lab01)]);
        var merged = central.BuildMetrics(null).ToList();

        AssertSame(single, merged);
        Assert.Contains(central.TakeNotices(), n => n.Kind == MeasurementNoticeKind.PartialGap && n.Message.Contains("arrived twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Chan_merge_of_moments_agrees_with_the_moments_of_all_values()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 10001).Select(_ => 1e6 + random.NextDouble()).ToArray();
        var merged = Moments.Of(values.Take(3).ToArray()).Combine(Moments.Of(values.Skip(3).Take(5000).ToArray())).Combine(Moments.Of(values.Skip(5003).ToArray()));
        var whole = Moments.Of(values);

        Assert.Equal(whole.Count, merged.Count);
        Assert.True(Math.Abs(whole.Mean - merged.Mean) <= 1e-12 * whole.Mean);
        Assert.True(Math.Abs(whole.StdDev!.Value - merged.StdDev!.Value) <= 1e-9 * whole.StdDev.Value);
        Assert.Equal(MathNet.Numerics.Statistics.ArrayStatistics.StandardDeviation(values), whole.StdDev!.Value, 1e-9);
    }
}
