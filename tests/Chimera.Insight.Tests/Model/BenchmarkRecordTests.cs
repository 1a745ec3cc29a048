using System.Reflection;
using Chimera.Insight;
using Chimera.Insight.Tests.Extraction;
using Xunit;

namespace Chimera.Insight.Tests.Model;

public sealed class BenchmarkRecordTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void A_record_holds_the_figures_its_samples_carry_one_at_a_time()
    {
        var result = files.Read("sweep.csv",
            "model,num_ctx,min_p,ttft_s,tokens_s,load_s,error\n" +
            "m1,1024,0.05,0.13,104.2,0.08,\n" +
            "m1,1024,0.05,0.12,,0.07,\n" +
            "m1,1024,0.05,0,0,0,HTTP 500\n");

        Assert.Equal(3, result.Records.Count);
        var samples = result.Samples;
        var fromRecords = result.Records.SelectMany(r => r.Figures.Select(f => (r, f))).ToList();
        Assert.Equal(samples.Count, fromRecords.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var (record, figure) = fromRecords[i];
            var sample = samples[i];
            Assert.Equal((sample.Metric, sample.Unit, sample.Statistic), (figure.Metric, figure.Unit, figure.Statistic));
            Assert.Equal(sample.Value, figure.Value);
            Assert.Equal(sample.Location, figure.Location ?? record.Location);
            Assert.Equal(sample.Record, record.Id);
            Assert.Equal(sample.Source, record.Source);
            Assert.Equal((sample.Model, sample.Configuration, sample.Settings, sample.Phase, sample.Failed, sample.Error),
                (record.Model, record.Configuration, record.Settings, record.Phase, record.Failed, record.Error));
        }

        var first = result.Records[0];
        Assert.Equal(files.Root, Path.GetDirectoryName(first.Source));
        Assert.Equal("row 1 (line 2)", first.Location);
        Assert.Equal(0.05, first.Settings["min_p"]);
        Assert.Equal(["TtftMs=130 ms", "TokensPerSecond=104.2 tok/s", "LoadMs=80 ms"], first.Figures.Select(f => f.ToString()));
        // The row without a throughput gives the figures it has; the failed one every figure, without a value.
        Assert.Equal(["TtftMs", "LoadMs"], result.Records[1].Figures.Select(f => f.Metric));
        var failed = result.Records[2];
        Assert.True(failed.Failed);
        Assert.Equal("HTTP 500", failed.Error);
        Assert.All(failed.Figures, f => Assert.True(double.IsNaN(f.Value)));
        Assert.Equal(3, failed.Figures.Count);
    }

    [Fact]
    public void A_record_and_its_figures_cannot_be_changed_from_outside()
    {
        foreach (var type in new[] { typeof(BenchmarkRecord), typeof(BenchmarkFigure) })
        {
            Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
            Assert.All(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => Assert.False(p.SetMethod?.IsPublic ?? false, type.Name + "." + p.Name));
            Assert.All(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName),
                m => Assert.Equal(nameof(ToString), m.Name));
        }

        var record = files.Read("one.csv", "ttft_ms\n120\n").Records[0];
        var figures = Assert.IsAssignableFrom<IList<BenchmarkFigure>>(record.Figures);
        Assert.True(figures.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => figures.Add(figures[0]));
    }

    [Fact]
    public void The_same_run_written_as_csv_and_as_json_is_one_record_id()
    {
        var csv = files.Read("run.csv", "model,ttft_s,tokens_s\nm1,0.13,104.2\n");
        var json = files.Read("run.json", "{\"model\":\"m1\",\"ttft_ms\":130,\"tokens_per_second\":104.2}");

        Assert.Equal(csv.Records[0].Id, json.Records[0].Id);
        Assert.NotNull(csv.Records[0].Id);
    }
}
