using Xunit;

namespace Chimera.Insight.Tests.Extraction.Producers;

public sealed class LlmPerfResultsTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Summary = """
        {"version": "2023-08-31", "name": "mistral-7b_550_150_summary", "model": "mistralai/Mistral-7B-Instruct-v0.2",
         "num_concurrent_requests": 4, "results_ttft_s_quantiles_p50": 0.25, "results_ttft_s_quantiles_p99": 0.75, "results_ttft_s_mean": 0.3,
         "results_ttft_s_min": "0.2", "results_ttft_s_max": 0.8, "results_ttft_s_stddev": 0.05,
         "results_inter_token_latency_s_mean": 0.02, "results_end_to_end_latency_s_mean": 3.5,
         "results_request_output_throughput_token_per_s_mean": 42.5, "results_number_output_tokens_mean": 148.0,
         "results_num_requests_started": 10, "results_number_errors": 3, "results_num_completed_requests": 7,
         "results_mean_output_throughput_token_per_s": 150.0, "results_num_completed_requests_per_min": 60.0, "timestamp": 1703638336}
        """;

    private const string Individual = """
        [
          {"error_code": null, "error_msg": "", "inter_token_latency_s": 0.021, "ttft_s": 0.31, "end_to_end_latency_s": 3.4,
           "request_output_throughput_token_per_s": 44.1, "number_total_tokens": 700, "number_output_tokens": 150, "number_input_tokens": 550},
          {"error_code": null, "error_msg": "", "inter_token_latency_s": 0.019, "ttft_s": 0.29, "end_to_end_latency_s": 3.2,
           "request_output_throughput_token_per_s": 46.0, "number_total_tokens": 700, "number_output_tokens": 150, "number_input_tokens": 550},
          {"error_code": 429, "error_msg": "Too Many Requests", "inter_token_latency_s": 0.5, "ttft_s": 0.4, "end_to_end_latency_s": 0.4,
           "request_output_throughput_token_per_s": 2.5, "number_total_tokens": 551, "number_output_tokens": 1, "number_input_tokens": 550}
        ]
        """;

    [Fact]
    public void The_summary_is_reported_in_ms_covering_completed_requests_with_errors_failed()
    {
        var path = files.Write("run/mistral_summary.json", Summary);
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        Assert.Equal(750, Assert.Single(result.Of("TtftMs", "P99")).Value, 9);
        Assert.Equal(200, Assert.Single(result.Of("TtftMs", "Min")).Value, 9);
        Assert.Equal(20, Assert.Single(result.Of("ItlMs", "Mean")).Value, 9);
        Assert.Equal(3500, Assert.Single(result.Of("TotalMs", "Mean")).Value, 9);
        Assert.Equal(42.5, Assert.Single(result.Of("TokensPerSecond", "Mean")).Value);
        Assert.Equal(150.0, Assert.Single(result.Of("SystemTokensPerSecond", "Mean")).Value);
        Assert.Equal(1.0, Assert.Single(result.Of("RequestsPerSecond", "Mean")).Value, 9);
        Assert.Equal(4, result.Samples[0].Concurrency);

        var ttft = ProducerMeasure.Measure(path).One("TtftMs", "Mean");
        Assert.Equal(7, ttft.Count);
        Assert.Equal(3, ttft.FailedCount);
    }

    [Fact]
    public void Individual_responses_take_the_model_of_the_summary_beside_them_and_error_rows_fail_despite_timings()
    {
        files.Write("run/mistral_summary.json", Summary);
        var path = files.Write("run/mistral_individual_responses.json", Individual);
        var metrics = ProducerMeasure.Measure(path);

        var ttft = metrics.One("TtftMs");
        Assert.Equal("mistralai/Mistral-7B-Instruct-v0.2", ttft.Model);
        Assert.Equal(4, ttft.Concurrency);
        Assert.Equal(2, ttft.Count);
        Assert.Equal(1, ttft.FailedCount);
        Assert.Equal(300, ttft.Mean!.Value, 9);
        Assert.DoesNotContain(400.0, ttft.Values);
        Assert.Equal(2, metrics.One("TokensPerSecond").Count);
    }

    [Fact]
    public void The_leaderboard_layout_finds_the_summary_in_its_sibling_folder()
    {
        files.Write("raw/summary/groq.json", Summary);
        var path = files.Write("raw/individual/groq.json", Individual);
        Assert.All(ProducerMeasure.Read(path).Samples, s => Assert.Equal("mistralai/Mistral-7B-Instruct-v0.2", s.Model));
    }

    [Fact]
    public void Results_keyed_by_concurrency_keep_each_concurrency()
    {
        var path = files.Write("run/by_concurrency.json", "{\"1\": " + Individual + ", \"8\": " + Individual + "}");
        var result = ProducerMeasure.Read(path);
        Assert.Equal([1, 8], result.Of("TtftMs").Select(s => s.Concurrency ?? 0).Distinct().ToArray());
    }
}
