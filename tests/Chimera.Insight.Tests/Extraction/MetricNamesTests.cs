using Xunit;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public class MetricNamesTests
{
    [Theory]
    [InlineData("ttft_s", "TtftMs", 1000, null)]
    [InlineData("ttft_ms", "TtftMs", 1, null)]
    [InlineData("average_ttft_ms", "TtftMs", 1, "Mean")]
    [InlineData("mean_ttft_s", "TtftMs", 1000, "Mean")]
    [InlineData("tokens_s", "TokensPerSecond", 1, null)]
    [InlineData("TOKENS_S", "TokensPerSecond", 1, null)]
    [InlineData("Tokens per Second", "TokensPerSecond", 1, null)]
    [InlineData("throughput_tokens_per_sec", "TokensPerSecond", 1, null)]
    [InlineData("median_tokens_s", "TokensPerSecond", 1, "P50")]
    [InlineData("load_s", "LoadMs", 1000, null)]
    [InlineData("load_duration_ms", "LoadMs", 1, null)]
    [InlineData("load_duration", "LoadMs", 1e-6, null)]
    [InlineData("prompt_eval_s", "PromptEvalMs", 1000, null)]
    [InlineData("eval_s", "EvalMs", 1000, null)]
    [InlineData("eval_s_mean", "EvalMs", 1000, "Mean")]
    [InlineData("eval_duration", "EvalMs", 1e-6, null)]
    [InlineData("total_duration_ms", "TotalMs", 1, null)]
    [InlineData("Generation Time (ms)", "TotalMs", 1, null)]
    [InlineData("prompt_eval_count", "PromptTokens", 1, null)]
    [InlineData("eval_count", "OutputTokens", 1, null)]
    [InlineData("tokens_generated", "OutputTokens", 1, null)]
    [InlineData("mean_time_ms", "LatencyMs", 1, "Mean")]
    [InlineData("std_time_ms", "LatencyMs", 1, "StdDev")]
    [InlineData("min_time_ms", "LatencyMs", 1, "Min")]
    [InlineData("max_time_ms", "LatencyMs", 1, "Max")]
    [InlineData("p95_ms", "LatencyMs", 1, "P95")]
    [InlineData("Mean (ms)", "LatencyMs", 1, "Mean")]
    [InlineData("latency_us", "LatencyMs", 0.001, null)]
    [InlineData("latency_ns", "LatencyMs", 1e-6, null)]
    [InlineData("compile_time_s", "CompileMs", 1000, null)]
    [InlineData("Compile Time (s)", "CompileMs", 1000, null)]
    [InlineData("cpu_percent", "CpuPercent", 1, null)]
    [InlineData("memory_percent", "MemoryPercent", 1, null)]
    [InlineData("utilization_gpu", "GpuUtilizationPercent", 1, null)]
    [InlineData("gpu_memory_used_mb", "GpuMemoryMb", 1, null)]
    [InlineData("gpu_memory_used_gb", "GpuMemoryMb", 1024, null)]
    [InlineData("power_draw", "PowerWatts", 1, null)]
    [InlineData("LoadDurationMs", "LoadMs", 1, null)]
    [InlineData("overall_tokens_per_second", "TokensPerSecond", 1, "Mean")]
    public void Maps_names_to_canonical_metrics_with_unit_scale_and_statistic(string name, string metric, double scale, string? statistic)
    {
        var mapping = MetricNames.Map(name);
        Assert.Equal("Metric", mapping.Role.ToString());
        Assert.True(mapping.IsCanonical, name);
        Assert.Equal(metric, mapping.Metric);
        Assert.Equal(scale, mapping.Scale, 12);
        Assert.Equal(statistic, mapping.Statistic);
    }

    [Theory]
    [InlineData("model", "Model")]
    [InlineData("num_gpu", "NumGpu")]
    [InlineData("NumCtx", "NumCtx")]
    [InlineData("temperature", "Temperature")]
    [InlineData("top_p", "TopP")]
    [InlineData("top_k", "TopK")]
    [InlineData("repeat_penalty", "RepeatPenalty")]
    [InlineData("tag", "Quantization")]
    [InlineData("backend", "Backend")]
    [InlineData("prompt_text", "Prompt")]
    [InlineData("prompt_index", "PromptIndex")]
    [InlineData("options", "Options")]
    [InlineData("error", "Error")]
    [InlineData("status", "Status")]
    [InlineData("Success", "Success")]
    [InlineData("created_at", "Timestamp")]
    [InlineData("test_timestamp", "Timestamp")]
    [InlineData("gpu_id", "Ignore")]
    [InlineData("metrics_count", "Ignore")]
    public void Maps_dimension_names_to_roles(string name, string role) => Assert.Equal(role, MetricNames.Map(name).Role.ToString());

    [Theory]
    [InlineData("response_chars", "")]
    [InlineData("total_tokens", "")]
    [InlineData("ttft_delta_ms", "ms")]
    [InlineData("Throughput Δ", "")]
    [InlineData("cv_percent", "%")]
    public void Keeps_unknown_numeric_fields_under_their_own_name(string name, string unit)
    {
        var mapping = MetricNames.Map(name);
        Assert.Equal("Metric", mapping.Role.ToString());
        Assert.False(mapping.IsCanonical);
        Assert.Equal(name, mapping.Metric);
        Assert.Equal(unit, mapping.Unit);
    }

    [Theory]
    [InlineData("Throughput", "tok/s", "TokensPerSecond", 1)]
    [InlineData("TTFT", "ms", "TtftMs", 1)]
    [InlineData("TTFT", "s", "TtftMs", 1000)]
    [InlineData("Total Duration", "ms", "TotalMs", 1)]
    [InlineData("Tokens Generated", "", "OutputTokens", 1)]
    [InlineData("Prompt Eval", "ms", "PromptEvalMs", 1)]
    [InlineData("Eval Duration", "ms", "EvalMs", 1)]
    [InlineData("Load Duration", "ms", "LoadMs", 1)]
    [InlineData("Tokens/s", "", "TokensPerSecond", 1)]
    public void Maps_markdown_labels_with_the_unit_after_the_value(string label, string unit, string metric, double scale)
    {
        var mapping = MetricNames.MapLabel(label, unit);
        Assert.Equal(metric, mapping.Metric);
        Assert.Equal(scale, mapping.Scale);
    }
}
