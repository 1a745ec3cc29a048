using Chimera.Insight;

namespace Chimera.Insight.Tests.Reporting;

/// <summary>Metrics, findings, an inventory and a report shaped like the real artifacts (Ollama sweeps and the Rust agents' runs).</summary>
internal static class ReportingFixtures
{
    public static BenchmarkInventorySummary Inventory() => new()
    {
        Roots = ["/lab/reports"],
        FileCount = 12,
        TotalBytes = 482_133,
        Kinds =
        [
            new KindSummary { Kind = ArtifactKind.Csv, Count = 3, SharePercent = 25, Bytes = 120_000, LatestModifiedUtc = new DateTime(2025, 11, 14, 18, 53, 30, DateTimeKind.Utc), FirstFiles = ["reports/gemma3/gemma3_270m_baseline.csv", "reports/gemma3/gemma3_270m_param_tuning.csv", "reports/llama3/ollama_quant_bench.csv"] },
            new KindSummary { Kind = ArtifactKind.Json, Count = 6, SharePercent = 50, Bytes = 300_000, LatestModifiedUtc = new DateTime(2025, 10, 8, 17, 20, 51, DateTimeKind.Utc), FirstFiles = ["reports/ascii_demo_20251004_143244.json", "reports/compilation/conv_bench_20251002-170837.json"] },
            new KindSummary { Kind = ArtifactKind.Markdown, Count = 3, SharePercent = 25, Bytes = 62_133, LatestModifiedUtc = new DateTime(2025, 11, 14, 18, 54, 7, DateTimeKind.Utc), FirstFiles = ["reports/compilation/conv_bench_20251002-170837.md"] },
        ],
        DuplicateGroups = [new DuplicateGroup { ContentHash = "ab12", Files = ["data/ollama_param_tuning.csv", "reports/llama3/ollama_param_tuning.csv"] }],
        Families = [new FamilyCount { Family = "conv_bench", Count = 2 }, new FamilyCount { Family = "ascii_demo", Count = 3 }],
        LatestModifiedUtc = new DateTime(2025, 11, 14, 18, 54, 7, DateTimeKind.Utc),
    };

    public static List<BenchmarkMetric> Metrics() =>
    [
        Metric("TokensPerSecond", "tok/s", "gemma3:270m", Phase.Warm, mean: 108.05, sd: 2.41, p50: 107.92, p90: 110.8, p95: 111.37, p99: 112.02, min: 103.3, max: 112.2, count: 20, failed: 0),
        Metric("TokensPerSecond", "tok/s", "llama3.1:8b-instruct-q4_0", Phase.Warm, mean: 76.59, sd: 0.93, p50: 76.88, p90: 77.6, p95: 77.71, p99: 77.9, min: 74.9, max: 78.0, count: 18, failed: 2),
        Metric("TtftMs", "ms", "gemma3:270m", Phase.Warm, mean: 589.98, sd: 40.2, p50: 577.4, p90: 640.5, p95: 655.1, p99: 690.3, min: 530.2, max: 701.9, count: 20, failed: 0),
        Metric("TtftMs", "ms", "gemma3:270m", Phase.Cold, mean: 2301.4, sd: 120.7, p50: 2290.0, p90: 2420.6, p95: 2455.9, p99: 2480.3, min: 2180.5, max: 2488.8, count: 3, failed: 0),
        Metric("TtftMs", "ms", "llama3.1:8b-instruct-q4_0", Phase.Warm, mean: 97.0, sd: 8.1, p50: 96.2, p90: 104.4, p95: 107.0, p99: 109.6, min: 86.0, max: 110.1, count: 18, failed: 2),
        Metric("LoadMs", "ms", "gemma3:270m", Phase.Cold, mean: 527.04, sd: 33.3, p50: 522.0, p90: 560.0, p95: 565.2, p99: 569.9, min: 490.0, max: 571.0, count: 3, failed: 0),
    ];

    public static BenchmarkMetric Metric(string name, string unit, string model, Phase phase, double mean, double sd, double p50, double p90, double p95, double p99, double min, double max, int count, int failed) => new()
    {
        Metric = name,
        Unit = unit,
        Origin = MetricOrigin.Measured,
        Model = model,
        Backend = "ollama",
        Configuration = "num_gpu=80, num_ctx=512, temperature=1",
        NumGpu = 80,
        NumCtx = 512,
        Temperature = 1,
        Phase = phase,
        Count = count,
        FailedCount = failed,
        Mean = mean,
        StdDev = sd,
        P50 = p50,
        P90 = p90,
        P95 = p95,
        P99 = p99,
        Min = min,
        Max = max,
        CV = mean == 0 ? null : 100 * sd / mean,
        Sources = ["/lab/reports/gemma3/gemma3_270m_baseline.csv"],
    };

    public static List<Finding> Findings() =>
    [
        new Finding
        {
            Kind = "ColdStartPenalty", Severity = FindingSeverity.Warning, Model = "gemma3:270m", Subject = "TtftMs",
            Text = "The first request after a model load of gemma3:270m takes 2301.4 ms to the first token, against 589.98 ms warm.",
            Figures = [new FindingFigure { Name = "ColdTtftMs", Value = 2301.4, Unit = "ms" }, new FindingFigure { Name = "WarmTtftMs", Value = 589.98, Unit = "ms" }, new FindingFigure { Name = "Ratio", Value = 3.9, Unit = "x" }],
        },
        new Finding
        {
            Kind = "BestConfiguration", Severity = FindingSeverity.Info, Model = "gemma3:270m", Subject = "num_gpu=80, num_ctx=512, temperature=1",
            Text = "gemma3:270m with num_gpu=80, num_ctx=512, temperature=1 has the highest throughput: 108.05 tok/s.",
            Figures = [new FindingFigure { Name = "TokensPerSecond", Value = 108.05, Unit = "tok/s" }],
        },
        new Finding
        {
            Kind = "FailureRate", Severity = FindingSeverity.Warning, Model = "llama3.1:8b-instruct-q4_0", Subject = "TokensPerSecond",
            Text = "2 of 20 runs of llama3.1:8b-instruct-q4_0 failed (10%).",
            Figures = [new FindingFigure { Name = "Failed", Value = 2, Unit = "runs" }, new FindingFigure { Name = "FailureRate", Value = 10, Unit = "%" }],
        },
        new Finding
        {
            Kind = "Duplicate", Severity = FindingSeverity.Info, Subject = "ollama_param_tuning.csv",
            Text = "data/ollama_param_tuning.csv and reports/llama3/ollama_param_tuning.csv hold identical content.",
            Figures = [new FindingFigure { Name = "Files", Value = 2, Unit = "files" }],
        },
    ];

    public static InsightReport Report()
    {
        var metrics = Metrics();
        return new InsightReport
        {
            AgentType = "Chimera Insight",
            Run = 1,
            Model = "gemma3:latest",
            Provider = ReportProvider.Ollama,
            OllamaUri = "http://127.0.0.1:11434",
            OllamaVersion = "0.12.10",
            Configuration = "num_gpu=80, num_ctx=512, temperature=1",
            NumGpu = 80,
            NumCtx = 512,
            Temperature = 1,
            Persona = Chimera.Insight.Reporting.Personas.Default,
            GeneratedAt = new DateTime(2025, 11, 15, 9, 30, 0, DateTimeKind.Utc),
            Text = "## 1. Executive Summary\n\n**gemma3:270m** reaches **108.05 tok/s** with a warm TTFT of **589.98 ms**.",
            Findings = Findings().ToArray(),
            Recommendations = ["Warm the model before timing: the first request costs 2301.4 ms."],
            Metrics = metrics.ToArray(),
            Inventory = Inventory(),
            TtftMs = 589.98,
            TokensPerSecond = 108.05,
            TotalDurationMs = 23516.71,
            LoadDurationMs = 527.04,
            PromptEvalDurationMs = 316.03,
            EvalDurationMs = 20873.83,
            PromptTokens = 412,
            TokensGenerated = 2253,
            DoneReason = "stop",
            IngestSeconds = 0.03,
            AnalysisSeconds = 10.28,
            ReportSeconds = 13.23,
            TotalSeconds = 23.55,
            FilesAnalyzed = 12,
            GpuOffloadPercent = 100,
            ContextLength = 512,
            PromptFitsContext = false,
            EstimatedPromptTokens = 250,
            Complete = true,
            Warnings = ["num_ctx 512 cannot hold the prompt."],
        };
    }
}
