// Compiled by New-SyntheticCorpus.ps1 with Add-Type: a deterministic writer of benchmark corpora
// shaped like real lab output. The same seed and file count always give the same bytes.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

public sealed class SyntheticCorpusModelMean
{
    public string Model { get; set; }
    public double WarmTokensPerSecondMean { get; set; }
    public int WarmCount { get; set; }
    public int FailedCount { get; set; }
}

public static class SyntheticCorpus
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Models = { "gemma3:latest", "gemma3:270m", "llama3.1:8b-instruct-q4_0" };
    private static readonly double[] ModelTps = { 102.0, 138.0, 77.0 };
    private static readonly int[] Contexts = { 512, 1024, 2048, 4096 };
    private static readonly int[] Gpus = { 60, 80, 999 };
    private static readonly double[] Temperatures = { 0.2, 0.8, 1 };

    private sealed class Run
    {
        public bool Failed, Cold;
        public double Ttft, Tps, Load, PromptEval, Eval;
        public int PromptCount, EvalCount;
    }

    /// <summary>Writes the corpus; returns the expected warm, successful TokensPerSecond mean per model.</summary>
    public static List<SyntheticCorpusModelMean> Write(string root, int fileCount, int seed, int rowsPerFile)
    {
        var random = new Random(seed);
        var sums = new double[Models.Length];
        var counts = new int[Models.Length];
        var failed = new int[Models.Length];
        var start = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var sb = new StringBuilder(4096);
        for (int i = 0; i < fileCount; i++)
        {
            var folder = Path.Combine(root, string.Format(Inv, "lab{0:d2}", i % 7), string.Format(Inv, "run_{0:d4}", i / 100));
            Directory.CreateDirectory(folder);
            int m = random.Next(Models.Length);
            int ctx = Contexts[random.Next(Contexts.Length)];
            int gpu = Gpus[random.Next(Gpus.Length)];
            double temp = Temperatures[random.Next(Temperatures.Length)];
            var stamp = start.AddMinutes(i * 7);
            sb.Clear();
            string name;
            int slot = i % 10;
            var runs = new Run[slot < 9 ? rowsPerFile : 0];
            for (int r = 0; r < runs.Length; r++)
            {
                runs[r] = NewRun(random, ModelTps[m], r);
                if (runs[r].Failed) failed[m]++;
                else if (!runs[r].Cold) { sums[m] += runs[r].Tps; counts[m]++; }
            }

            if (slot < 6)
            {
                sb.Append("\"timestamp\",\"model\",\"num_gpu\",\"num_ctx\",\"temperature\",\"ttft_s\",\"tokens_s\",\"load_s\",\"prompt_eval_s\",\"eval_s\",\"prompt_eval_count\",\"eval_count\",\"error\"\n");
                for (int r = 0; r < rowsPerFile; r++)
                {
                    var run = runs[r];
                    var t = stamp.AddSeconds(r * 2).ToString("yyyy-MM-ddTHH:mm:ss", Inv);
                    sb.Append('"').Append(t).Append("\",\"").Append(Models[m]).Append("\",\"").Append(gpu).Append("\",\"").Append(ctx)
                      .Append("\",\"").Append(N(temp)).Append("\",");
                    if (run.Failed)
                        sb.Append("\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"HTTP 500: model runner has unexpectedly stopped\"\n");
                    else
                        sb.Append('"').Append(N(run.Ttft)).Append("\",\"").Append(N(run.Tps)).Append("\",\"").Append(N(run.Load))
                          .Append("\",\"").Append(N(run.PromptEval)).Append("\",\"").Append(N(run.Eval)).Append("\",\"")
                          .Append(run.PromptCount).Append("\",\"").Append(run.EvalCount).Append("\",\"\"\n");
                }
                name = "ollama_sweep_" + stamp.ToString("yyyyMMdd_HHmmss", Inv) + ".csv";
            }
            else if (slot < 8)
            {
                sb.Append("{\"model\":\"").Append(Models[m]).Append("\",\"options\":{\"num_gpu\":").Append(gpu).Append(",\"num_ctx\":").Append(ctx)
                  .Append(",\"temperature\":").Append(N(temp)).Append("},\"results\":[");
                for (int r = 0; r < rowsPerFile; r++)
                {
                    var run = runs[r];
                    if (r > 0) sb.Append(',');
                    if (run.Failed)
                        sb.Append("{\"prompt_index\":").Append(r).Append(",\"success\":false,\"error\":\"timeout after 120s\"}");
                    else
                        sb.Append("{\"prompt_index\":").Append(r).Append(",\"success\":true,\"ttft_s\":").Append(N(run.Ttft))
                          .Append(",\"tokens_s\":").Append(N(run.Tps)).Append(",\"load_s\":").Append(N(run.Load))
                          .Append(",\"eval_count\":").Append(run.EvalCount).Append('}');
                }
                sb.Append("]}");
                name = "baseline_test_results_" + new DateTimeOffset(stamp).ToUnixTimeSeconds().ToString(Inv) + ".json";
            }
            else if (slot < 9)
            {
                for (int r = 0; r < rowsPerFile; r++)
                {
                    var run = runs[r];
                    sb.Append("{\"model\":\"").Append(Models[m]).Append("\",\"num_ctx\":").Append(ctx);
                    if (run.Failed)
                        sb.Append(",\"success\":false,\"error\":\"connection reset\"}\n");
                    else
                        sb.Append(",\"success\":true,\"ttft_s\":").Append(N(run.Ttft)).Append(",\"tokens_s\":").Append(N(run.Tps))
                          .Append(",\"load_s\":").Append(N(run.Load)).Append("}\n");
                }
                name = "requests_" + stamp.ToString("yyyyMMdd-HHmmss", Inv) + ".jsonl";
            }
            else
            {
                sb.Append("# Insight report ").Append(stamp.ToString("yyyy-MM-dd", Inv)).Append("\n\n**Model:** ").Append(Models[m])
                  .Append("\n\n## Metrics\n- Throughput: ").Append((ModelTps[m] + random.Next(-5, 5)).ToString("0.00", Inv))
                  .Append(" tok/s\n- TTFT: ").Append((150 + 300 * random.NextDouble()).ToString("0.00", Inv))
                  .Append(" ms\n- Load Duration: ").Append((100 + 400 * random.NextDouble()).ToString("0.00", Inv)).Append(" ms\n");
                name = "insight_report_" + stamp.ToString("yyyyMMdd_HHmmss", Inv) + ".md";
            }

            File.WriteAllText(Path.Combine(folder, name), sb.ToString());
        }

        var means = new List<SyntheticCorpusModelMean>();
        for (int m = 0; m < Models.Length; m++)
        {
            means.Add(new SyntheticCorpusModelMean
            {
                Model = Models[m],
                WarmTokensPerSecondMean = counts[m] == 0 ? double.NaN : sums[m] / counts[m],
                WarmCount = counts[m],
                FailedCount = failed[m],
            });
        }

        return means;
    }

    private static Run NewRun(Random random, double modelTps, int row)
    {
        var run = new Run { Cold = row == 0 };
        run.Failed = !run.Cold && random.Next(25) == 0;
        run.Tps = Math.Round(modelTps * (0.9 + 0.2 * random.NextDouble()), 2);
        run.Load = Math.Round(run.Cold ? 1.8 + random.NextDouble() : 0.05 + 0.05 * random.NextDouble(), 4);
        run.PromptEval = Math.Round(0.004 + 0.01 * random.NextDouble(), 4);
        run.Ttft = Math.Round(run.Load + run.PromptEval + 0.02, 4);
        run.EvalCount = 80 + random.Next(200);
        run.Eval = Math.Round(run.EvalCount / run.Tps, 4);
        run.PromptCount = 20 + random.Next(10);
        return run;
    }

    private static string N(double value) => value.ToString("0.####", Inv);
}
