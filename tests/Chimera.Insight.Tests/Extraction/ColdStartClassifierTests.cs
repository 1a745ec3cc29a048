using Xunit;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public sealed class ColdStartClassifierTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Without_a_load_column_marks_the_first_slow_request_of_each_configuration()
    {
        const string csv = "num_ctx,ttft_ms\n1024,2310\n1024,131\n1024,128\n1024,2250\n2048,2290\n2048,135\n2048,129\n";
        var result = files.Read("ttft_only.csv", csv);
        // Row 4 is slow but not the first of its configuration: a hiccup, not a reload.
        Assert.Equal([Phase.Cold, Phase.Warm, Phase.Warm, Phase.Warm, Phase.Cold, Phase.Warm, Phase.Warm], result.Of("TtftMs").Select(s => s.Phase).ToArray());
    }

    [Fact]
    public void Needs_a_group_of_three_and_ignores_failed_records()
    {
        var two = files.Read("two.csv", "ttft_ms,load_ms\n2300,2100\n130,80\n");
        Assert.All(two.Samples, s => Assert.Equal(Phase.Warm, s.Phase));
        var failed = files.Read("failed.csv", "ttft_ms,load_ms,error\n2300,2100,timeout\n130,80,\n128,75,\n131,82,\n");
        Assert.All(failed.Samples, s => Assert.Equal(Phase.Warm, s.Phase));
    }

    [Fact]
    public void Classifies_a_file_larger_than_the_kept_lists_and_the_small_files_after_it_alike()
    {
        // 5,000 rows: beyond what one reader context keeps for the next file. Every 1,000th row reloads the model.
        var big = new System.Text.StringBuilder("num_ctx,ttft_ms,load_ms\n");
        for (var i = 0; i < 5000; i++)
        {
            big.Append(i / 1000).Append(i % 1000 == 0 ? ",2300,2100\n" : ",130,80\n");
        }

        var phases = files.Read("big.csv", big.ToString()).Of("TtftMs").Select(s => s.Phase).ToList();
        Assert.Equal(5, phases.Count(p => p == Phase.Cold));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i * 1000), phases.Select((p, i) => (p, i)).Where(x => x.p == Phase.Cold).Select(x => x.i));

        var small = files.Read("small.csv", "ttft_ms,load_ms\n2300,2100\n130,80\n128,75\n131,82\n");
        Assert.Equal([Phase.Cold, Phase.Warm, Phase.Warm, Phase.Warm], small.Of("TtftMs").Select(s => s.Phase).ToArray());
    }
}
