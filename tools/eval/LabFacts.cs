using Chimera.Insight;
using Chimera.Insight.Statistics;

namespace GroundingEval;

/// <summary>
/// A fact set shaped like a real lab tree: Ollama models (tags such as gemma3:latest, llama3.1:8b-instruct-q4_0 /
/// q5_K_M / q8_0, gemma3:1b-it-qat) swept over num_gpu, num_ctx and temperature, cold and warm requests,
/// compilation kernels with LatencyMs and CompileMs, a few reported summaries, and an inventory.
/// Every measured group keeps its values, as Measure-BenchmarkMetrics does.
/// </summary>
internal static class LabFacts
{
    public static readonly string[] Models =
    [
        "gemma3:latest", "gemma3:1b-it-qat", "gemma3:270m", "gemma3:4b-it-q8_0", "gemma3:12b",
        "llama3.1:8b-instruct-q4_0", "llama3.1:8b-instruct-q5_K_M", "llama3.1:8b-instruct-q8_0", "llama3.2:3b", "llama3.2:1b",
        "qwen2.5:0.5b", "qwen2.5:1.5b-instruct", "qwen2.5:7b-instruct-q4_K_M", "qwen3:4b", "qwen3:8b",
        "mistral:7b-instruct-q4_K_M", "phi3:mini", "phi4:14b", "deepseek-r1:1.5b", "deepseek-r1:8b",
        "granite3.1-dense:2b", "tinyllama:1.1b", "smollm2:360m", "codellama:7b-instruct",
    ];

    public static readonly string[] Kernels = ["conv", "mlp", "attention", "layernorm", "softmax", "fusion/fused_linear_gelu", "matmul", "rmsnorm"];

    public static (List<BenchmarkMetric> Metrics, BenchmarkInventorySummary Inventory) Build(Random random)
    {
        var metrics = new List<BenchmarkMetric>();
        foreach (var model in Models)
        {
            var size = 0.5 + random.NextDouble() * 2;
            var configurations = Configurations(random).Take(random.Next(6, 9)).ToList();
            foreach (var (gpu, ctx, temperature) in configurations)
            {
                var configuration = $"num_gpu={gpu}, num_ctx={ctx}, temperature={temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                var speed = (60 + random.NextDouble() * 140) / size * (gpu >= 80 ? 1 : 0.55);
                var ttft = (40 + random.NextDouble() * 300) * size * (1 + ctx / 8192.0);
                var warm = random.Next(6, 30);
                var cold = random.Next(1, 4);
                void Add(string metric, string unit, Phase phase, int n, double centre, double spread, int failed = 0)
                {
                    var values = Enumerable.Range(0, n).Select(_ => Math.Round(Math.Max(0.01, centre * (1 + spread * Gaussian(random))), 2)).ToArray();
                    var m = new BenchmarkMetric
                    {
                        Metric = metric, Unit = unit, Origin = MetricOrigin.Measured, Model = model, Backend = "ollama",
                        Configuration = configuration, NumGpu = gpu, NumCtx = ctx, Temperature = temperature, Phase = phase,
                        Count = n, FailedCount = failed, Values = values, Sources = [$"/lab/reports/{model.Replace(':', '_')}/param_tuning.csv"],
                    };
                    DescriptiveSummary.Fill(m, values, []);
                    metrics.Add(m);
                }

                var failures = random.Next(8) == 0 ? random.Next(1, 3) : 0;
                Add(CanonicalMetric.TokensPerSecond, "tok/s", Phase.Warm, warm, speed, 0.05, failures);
                Add(CanonicalMetric.TtftMs, "ms", Phase.Warm, warm, ttft, 0.12, failures);
                Add(CanonicalMetric.LoadMs, "ms", Phase.Warm, warm, 40 + random.NextDouble() * 80, 0.2, failures);
                Add(CanonicalMetric.PromptEvalMs, "ms", Phase.Warm, warm, ttft * 0.6, 0.15, failures);
                Add(CanonicalMetric.EvalMs, "ms", Phase.Warm, warm, 256 / speed * 1000, 0.06, failures);
                Add(CanonicalMetric.TotalMs, "ms", Phase.Warm, warm, 256 / speed * 1000 + ttft, 0.06, failures);
                Add(CanonicalMetric.TokensPerSecond, "tok/s", Phase.Cold, cold, speed * 0.97, 0.05);
                Add(CanonicalMetric.TtftMs, "ms", Phase.Cold, cold, ttft + 1500 * size + random.NextDouble() * 2000, 0.1);
                Add(CanonicalMetric.LoadMs, "ms", Phase.Cold, cold, 1500 * size + random.NextDouble() * 2000, 0.1);
            }
        }

        foreach (var kernel in Kernels)
        {
            foreach (var device in new[] { "cuda", "cpu" })
            {
                foreach (var backend in new[] { "eager", "compiled", "onnx" })
                {
                    var centre = (device == "cuda" ? 0.5 : 4) * (1 + random.NextDouble() * 6) * (backend == "eager" ? 1.4 : 1);
                    var n = random.Next(20, 40);
                    var values = Enumerable.Range(0, n).Select(_ => Math.Round(Math.Max(0.005, centre * (1 + 0.08 * Gaussian(random))), 4)).ToArray();
                    var m = new BenchmarkMetric
                    {
                        Metric = CanonicalMetric.LatencyMs, Unit = "ms", Origin = MetricOrigin.Measured, Model = kernel, Backend = backend,
                        Configuration = "device=" + device, Phase = Phase.Warm, Count = n, Values = values, Sources = [$"/lab/compilation/{kernel.Replace('/', '_')}_bench.json"],
                    };
                    DescriptiveSummary.Fill(m, values, []);
                    metrics.Add(m);
                    if (backend != "eager")
                    {
                        metrics.Add(new BenchmarkMetric
                        {
                            Metric = CanonicalMetric.CompileMs, Unit = "ms", Origin = MetricOrigin.Reported, Statistic = "Mean", Model = kernel, Backend = backend,
                            Configuration = "device=" + device, Count = 1, Mean = Math.Round(800 + random.NextDouble() * 9000, 1),
                        });
                    }
                }
            }
        }

        var inventory = new BenchmarkInventorySummary
        {
            FileCount = 212,
            TotalBytes = 48_200_000,
            Kinds =
            [
                new KindSummary { Kind = ArtifactKind.Csv, Count = 61, SharePercent = 28.8, Bytes = 20_000_000 },
                new KindSummary { Kind = ArtifactKind.Json, Count = 97, SharePercent = 45.8, Bytes = 25_000_000 },
                new KindSummary { Kind = ArtifactKind.Markdown, Count = 54, SharePercent = 25.5, Bytes = 3_200_000 },
            ],
        };
        return (metrics, inventory);
    }

    private static IEnumerable<(int Gpu, int Ctx, double Temperature)> Configurations(Random random)
    {
        var all = (from gpu in new[] { 40, 80, 999 } from ctx in new[] { 512, 1024, 2048, 4096 } from t in new[] { 0.2, 0.6, 1.0 } select (gpu, ctx, t)).ToList();
        return all.OrderBy(_ => random.Next());
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
