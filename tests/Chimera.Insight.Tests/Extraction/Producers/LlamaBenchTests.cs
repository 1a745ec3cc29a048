using Xunit;

namespace Chimera.Insight.Tests.Extraction.Producers;

public sealed class LlamaBenchTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    private static string Row(int prompt, int gen, int depth, string samples, double avg) =>
        "{\"build_commit\": \"abc123\", \"build_number\": 7000, \"backends\": \"CUDA\", \"model_filename\": \"/m/qwen.gguf\", \"model_type\": \"qwen2 7B Q4_K - Medium\"," +
        " \"model_size\": 4677120000, \"model_n_params\": 7615616512, \"n_gpu_layers\": 99, \"n_prompt\": " + prompt + ", \"n_gen\": " + gen + ", \"n_depth\": " + depth + "," +
        " \"test_time\": \"2025-10-28T15:42:18Z\", \"avg_ns\": 100, \"stddev_ns\": 1, \"avg_ts\": " + avg + ", \"stddev_ts\": 1.5, \"samples_ns\": [1, 2], \"samples_ts\": " + samples + "}";

    [Fact]
    public void Jsonl_with_stderr_lines_gives_pp_as_prompt_rate_tg_as_generation_rate_and_depth_as_test()
    {
        var path = files.Write("bench/run.jsonl", string.Join("\n",
            "ggml_cuda_init: found 1 CUDA devices:",
            "  Device 0: NVIDIA L4, compute capability 8.9",
            Row(512, 0, 0, "[ 2000.5, 2010.5 ]", 2005.5),
            Row(0, 128, 0, "[ 60.25, 61.75 ]", 61.0),
            Row(512, 0, 4096, "[ 1500.0 ]", 1500.0),
            Row(512, 128, 0, "[ 300.0 ]", 300.0)));
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        var prompt = result.Of("PromptTokensPerSecond");
        Assert.Equal([2000.5, 2010.5, 1500.0], prompt.Values());
        Assert.Equal(["pp512", "pp512", "pp512 @ d4096"], prompt.Select(s => s.Test!).ToArray());
        Assert.Equal([60.25, 61.75], result.Of("TokensPerSecond").Values());
        Assert.Equal([300.0], result.Of("PromptGenerationTokensPerSecond").Values());
        Assert.All(result.Samples, s => Assert.Equal("qwen2 7B Q4_K - Medium (4.36 GiB, 7.62 B)", s.Model));
        Assert.All(result.Samples, s => Assert.Equal("CUDA", s.Backend));
        Assert.All(result.Samples, s => Assert.Equal("llama-bench", s.Producer));

        var metrics = ProducerMeasure.Measure(path);
        Assert.Equal(2, metrics.Count(m => m.Metric == "PromptTokensPerSecond"));
    }

    [Fact]
    public void Json_array_csv_and_sql_give_the_same_figures()
    {
        var json = files.Write("bench/run.json", "[" + Row(512, 0, 0, "[]", 2005.5) + "]");
        var csv = files.Write("bench/run.csv",
            "build_commit,build_number,backends,model_type,model_size,model_n_params,n_gpu_layers,n_prompt,n_gen,n_depth,test_time,avg_ns,stddev_ns,avg_ts,stddev_ts\n" +
            "\"abc123\",\"7000\",\"CUDA\",\"qwen2 7B Q4_K - Medium\",\"4677120000\",\"7615616512\",\"99\",\"512\",\"0\",\"0\",\"2025-10-28T15:42:18Z\",\"100\",\"1\",\"2005.500000\",\"1.500000\"\n");
        var sql = files.Write("bench/run.sql",
            "CREATE TABLE IF NOT EXISTS llama_bench (\n  build_commit TEXT,\n  avg_ts REAL\n);\n" +
            "INSERT INTO llama_bench (build_commit, build_number, backends, model_type, model_size, model_n_params, n_gpu_layers, n_prompt, n_gen, n_depth, test_time, avg_ns, stddev_ns, avg_ts, stddev_ts) " +
            "VALUES ('abc123', '7000', 'CUDA', 'qwen2 7B Q4_K - Medium', '4677120000', '7615616512', '99', '512', '0', '0', '2025-10-28T15:42:18Z', '100', '1', '2005.500000', '1.500000');\n");

        foreach (var path in new[] { json, csv, sql })
        {
            var result = ProducerMeasure.Read(path);
            Assert.Empty(result.Errors);
            Assert.Equal(2005.5, Assert.Single(result.Of("PromptTokensPerSecond", "Mean")).Value);
            Assert.Equal(1.5, Assert.Single(result.Of("PromptTokensPerSecond", "StdDev")).Value);
            Assert.Equal("qwen2 7B Q4_K - Medium (4.36 GiB, 7.62 B)", result.Samples[0].Model);
            Assert.Equal(99, result.Samples[0].NumGpu);
        }
    }

    [Fact]
    public void Markdown_tables_pasted_in_a_readme_and_header_less_rows_in_a_log_are_read_as_mean_and_std()
    {
        var readme = files.Write("notes/README.md", """
            # RPC tests

            Two nodes are slower than one.

            ```
            $ llama-bench -m /models/qwen.gguf
            ggml_vulkan: Found 1 Vulkan devices:
            | model                          |       size |     params | backend    | ngl |            test |                  t/s |
            | ------------------------------ | ---------: | ---------: | ---------- | --: | --------------: | -------------------: |
            | qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | Vulkan     |  99 |           pp512 |        404.67 ± 3.65 |
            | qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | Vulkan     |  99 |    tg128 @ d512 |         33.50 ± 0.03 |

            build: 9515c613 (6097)
            ```
            """);
        var log = files.Write("notes/run.log", """
            load_tensors: offloaded 29/29 layers to GPU
            load_tensors:      Vulkan0 model buffer size = 4168.00 MiB
            | qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | Vulkan,RPC |  99 |    0 |           pp512 |          5.51 ± 0.01 |
            | qwen2 7B Q4_K - Medium         |   4.36 GiB |     7.62 B | Vulkan,RPC |  99 |    0 |           tg128 |          0.88 ± 0.00 |
            build: 9515c613 (6097)
            """);

        var md = ProducerMeasure.Read(readme);
        Assert.Equal(404.67, Assert.Single(md.Of("PromptTokensPerSecond", "Mean")).Value);
        Assert.Equal(3.65, Assert.Single(md.Of("PromptTokensPerSecond", "StdDev")).Value);
        var tg = Assert.Single(md.Of("TokensPerSecond", "Mean"));
        Assert.Equal(33.50, tg.Value);
        Assert.Equal("tg128 @ d512", tg.Test);
        Assert.Equal("qwen2 7B Q4_K - Medium (4.36 GiB, 7.62 B)", tg.Model);
        Assert.Equal(99, tg.NumGpu);
        Assert.Equal(2 * 2, md.Samples.Count);

        Assert.Equal(ArtifactKind.Text, Chimera.Insight.Inventory.ArtifactKinds.FromFileName(log));
        var text = ProducerMeasure.Read(log);
        Assert.Equal(5.51, Assert.Single(text.Of("PromptTokensPerSecond", "Mean")).Value);
        Assert.Equal(0.88, Assert.Single(text.Of("TokensPerSecond", "Mean")).Value);
        Assert.Equal("Vulkan,RPC", text.Samples[0].Backend);
    }
}
