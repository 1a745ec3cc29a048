using Chimera.Insight.Inventory;
using Xunit;

namespace Chimera.Insight.Tests.Inventory;

public class RunNamingTests
{
    [Theory]
    [InlineData("conv_bench_20251002-170837", "conv_bench", "2025-10-02T17:08:37")]
    [InlineData("ascii_demo_20251004_143244", "ascii_demo", "2025-10-04T14:32:44")]
    [InlineData("chimera_metrics_20250930_133204", "chimera_metrics", "2025-09-30T13:32:04")]
    [InlineData("compilation_benchmark_lessons_20251002", "compilation_benchmark_lessons", "2025-10-02T00:00:00")]
    [InlineData("results_2025-10-02_17-08-37", "results", "2025-10-02T17:08:37")]
    [InlineData("results-2025-10-02T170837.123", "results", "2025-10-02T17:08:37.123")]
    [InlineData("20251002170837_sweep", "sweep", "2025-10-02T17:08:37")]
    [InlineData("metrics_run_3", "metrics", null)]
    [InlineData("metrics-trial2-final", "metrics-final", null)]
    [InlineData("transformer_cuda_pytorch2508", "transformer_cuda_pytorch2508", null)]
    [InlineData("transformer_cuda_triton2508_summary", "transformer_cuda_triton2508_summary", null)]
    [InlineData("chimera_homo_gpu80_ctx512", "chimera_homo_gpu80_ctx512", null)]
    [InlineData("bench_20251399", "bench_20251399", null)]
    [InlineData("bench_20250230", "bench_20250230", null)]
    [InlineData("bench_12345678", "bench_12345678", null)]
    [InlineData("job_3f2b8c1e-9d4a-4e2b-8f00-1a2b3c4d5e6f", "job", null)]
    [InlineData("sweep_2025.10.02_v2", "sweep_v2", "2025-10-02T00:00:00")]
    [InlineData("sweep_2025-10_02", "sweep_2025-10_02", null)]
    [InlineData("log_2025-10-02 17.08.37,1234567", "log", "2025-10-02T17:08:37.1234567")]
    [InlineData("log_2025-10-02T17:08:37.123456789", "log.123456789", "2025-10-02T17:08:37")]
    [InlineData("a_20251002_b_20251003", "a_b", "2025-10-02T00:00:00")]
    [InlineData("x_20251399_20251002", "x_20251399", "2025-10-02T00:00:00")]
    [InlineData("__run_2__", "", null)]
    public void StripRemovesRunMarksAndReadsTheTimestamp(string name, string family, string? timestamp)
    {
        var result = RunNaming.Strip(name, out var found);

        Assert.Equal(family, result);
        Assert.Equal(timestamp is null ? null : DateTime.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), found);
        if (found is not null)
        {
            Assert.Equal(DateTimeKind.Unspecified, found.Value.Kind);
        }
    }

    [Fact]
    public void UnixSecondsAndMillisecondsAreUtc()
    {
        Assert.Equal("baseline_test_results", RunNaming.Strip("baseline_test_results_1759098967", out var seconds));
        Assert.Equal(new DateTime(2025, 9, 28, 22, 36, 7, DateTimeKind.Utc), seconds);
        Assert.Equal(DateTimeKind.Utc, seconds!.Value.Kind);

        Assert.Equal("demo", RunNaming.Strip("demo_1759098967250", out var milliseconds));
        Assert.Equal(new DateTime(2025, 9, 28, 22, 36, 7, 250, DateTimeKind.Utc), milliseconds);
    }

    [Fact]
    public void NumbersOutsideTheUnixRangeStay()
    {
        Assert.Equal("ids_0000000042", RunNaming.Strip("ids_0000000042", out var timestamp));
        Assert.Null(timestamp);
    }

    [Fact]
    public void TrailingZMeansUtc()
    {
        RunNaming.Strip("snap_20251002T170837Z", out var timestamp);
        Assert.Equal(DateTimeKind.Utc, timestamp!.Value.Kind);
        Assert.Equal(new DateTime(2025, 10, 2, 17, 8, 37, DateTimeKind.Utc), timestamp);

        Assert.Equal("snap", RunNaming.Strip("snap_2025-10-02Z", out var day));
        Assert.Equal(new DateTime(2025, 10, 2, 0, 0, 0, DateTimeKind.Utc), day);
        Assert.Equal("snap", RunNaming.Strip("snap_2025-10-02T17:08:37.25Z", out var fraction));
        Assert.Equal(new DateTime(2025, 10, 2, 17, 8, 37, 250, DateTimeKind.Utc), fraction);
        Assert.Equal(DateTimeKind.Utc, fraction!.Value.Kind);
    }

    [Theory]
    [InlineData("run_1", true)]
    [InlineData("run-12", true)]
    [InlineData("run3", true)]
    [InlineData("trial_2", true)]
    [InlineData("20251002-151204", true)]
    [InlineData("run_20251002", true)]
    [InlineData("1759098967", true)]
    [InlineData("chimera_homo_gpu80_ctx512", false)]
    [InlineData("runtime-tokio-default", false)]
    [InlineData("results", false)]
    [InlineData("sweep_20251002", false)]
    [InlineData("run", false)]
    public void TellsRunFolders(string name, bool isRun) => Assert.Equal(isRun, RunNaming.IsRunFolder(name));

    [Fact]
    public void FilesInRunFoldersBelongToTheExperimentThatHoldsThem()
    {
        var root = Path.Combine(Path.GetTempPath(), "lab", "chimera_homo_gpu80_ctx512");
        var summary = RunNaming.Describe(Path.Combine(root, "run_3", "summary.json"));
        var nested = RunNaming.Describe(Path.Combine(root, "run_2", "run_1", "metrics.json"));

        Assert.Equal("chimera_homo_gpu80_ctx512/summary", summary.Family);
        Assert.Null(summary.RunTimestamp);
        Assert.Equal("chimera_homo_gpu80_ctx512/metrics", nested.Family);
    }

    [Fact]
    public void TimestampedRunFoldersGiveTheRunTimestamp()
    {
        var file = RunNaming.Describe(Path.Combine(Path.GetTempPath(), "reports", "20251002-151204", "metrics.json"));

        Assert.Equal("reports/metrics", file.Family);
        Assert.Equal(new DateTime(2025, 10, 2, 15, 12, 4), file.RunTimestamp);
    }

    [Fact]
    public void TheFileNamesOwnTimestampWinsOverItsFolders()
    {
        var file = RunNaming.Describe(Path.Combine(Path.GetTempPath(), "sweep_20250101", "run_20251002", "conv_bench_20251003-101010.json"));

        Assert.Equal("sweep/conv_bench", file.Family);
        Assert.Equal(new DateTime(2025, 10, 3, 10, 10, 10), file.RunTimestamp);
    }

    [Fact]
    public void ANameThatIsOnlyATimestampTakesItsFoldersFamily()
    {
        var file = RunNaming.Describe(Path.Combine(Path.GetTempPath(), "nightly", "20251002-151204.json"));

        Assert.Equal("nightly", file.Family);
        Assert.Equal(new DateTime(2025, 10, 2, 15, 12, 4), file.RunTimestamp);
    }

    [Fact]
    public void FilesOutsideRunFoldersKeepTheirOwnFamily()
    {
        var file = RunNaming.Describe(Path.Combine(Path.GetTempPath(), "outputs", "reports", "compilation", "conv_bench_20251002-170837.md"));

        Assert.Equal("conv_bench", file.Family);
        Assert.Equal(new DateTime(2025, 10, 2, 17, 8, 37), file.RunTimestamp);
    }

    [Theory]
    [InlineData("a.csv", ArtifactKind.Csv)]
    [InlineData("A.CSV", ArtifactKind.Csv)]
    [InlineData("a.json", ArtifactKind.Json)]
    [InlineData("a.jsonl", ArtifactKind.Json)]
    [InlineData("a.ndjson", ArtifactKind.Json)]
    [InlineData("a.md", ArtifactKind.Markdown)]
    [InlineData("a.Markdown", ArtifactKind.Markdown)]
    [InlineData("a.txt", null)]
    [InlineData("LICENSE", null)]
    [InlineData("a.csv.bak", null)]
    public void KindsFollowTheExtension(string name, ArtifactKind? kind) => Assert.Equal(kind, ArtifactKinds.FromFileName(name));
}
