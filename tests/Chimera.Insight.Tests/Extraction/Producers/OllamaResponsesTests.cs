using Xunit;

namespace Chimera.Insight.Tests.Extraction.Producers;

public sealed class OllamaResponsesTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Final_responses_pasted_in_markdown_code_blocks_among_debug_lines_are_read_and_chunks_passed_over()
    {
        var path = files.Write("demos/generate.md", """
            # generate

            ```json
            [DEBUG] 19:56:18: ollama_generate_json: [qwen3:4b]
            {
              "model": "qwen3:4b",
              "created_at": "2025-08-23T17:56:18.8180891Z",
              "response": "Fast, {fluffy}.",
              "done": true,
              "done_reason": "stop",
              "context": [1, 2, 3],
              "total_duration": 1203194400,
              "load_duration": 985779500,
              "prompt_eval_count": 50,
              "prompt_eval_duration": 117790400,
              "eval_count": 11,
              "eval_duration": 97787200
            }
            ```

            ```json
            {"model": "qwen3:4b", "created_at": "2025-08-23T17:56:31.76Z", "response": "Fl", "done": false}
            {"model": "qwen3:4b", "created_at": "2025-08-23T17:56:32.08Z", "message": {"role": "assistant", "content": ""}, "done": true, "total_duration": 300000000, "load_duration": 1000000, "eval_count": 20, "eval_duration": 250000000}
            ```
            """);
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        Assert.Equal([1203.1944, 300.0], result.Of("TotalMs").Values());
        Assert.Equal(11 / 0.0977872, result.Of("TokensPerSecond")[0].Value, 6);
        Assert.Equal(80.0, result.Of("TokensPerSecond")[1].Value, 9);
        Assert.Equal(50 / 0.1177904, Assert.Single(result.Of("PromptTokensPerSecond")).Value, 6);
        Assert.Single(result.Of("PromptTokens"));
        Assert.All(result.Samples, s => Assert.Equal("ollama", s.Producer));
        Assert.Contains(result.Notes, n => n.Reason.Contains("cache"));
    }

    [Fact]
    public void An_ndjson_stream_gives_its_final_chunk_and_a_response_without_durations_no_rate()
    {
        var path = files.Write("logs/stream.ndjson", string.Join("\n",
            """{"model":"gpt-oss:120b-cloud","created_at":"2025-09-01T10:00:00Z","response":"Hi","done":false}""",
            """{"model":"gpt-oss:120b-cloud","created_at":"2025-09-01T10:00:01Z","response":"","done":true,"done_reason":"stop","total_duration":900000000,"prompt_eval_count":12,"eval_count":30}"""));
        var result = ProducerMeasure.Read(path);

        Assert.Equal([900.0], result.Of("TotalMs").Values());
        Assert.Empty(result.Of("TokensPerSecond"));
        Assert.Empty(result.Of("PromptTokensPerSecond"));
        Assert.Equal([30.0], result.Of("OutputTokens").Values());
    }

    [Fact]
    public void Verbose_statistics_blocks_in_a_log_are_read_with_the_model_of_the_run_command()
    {
        var path = files.Write("logs/verbose.log", """
            $ ollama run llama3.2:3b --verbose "why is the sky blue"
            The sky is blue because of Rayleigh scattering.

            total duration:       2.512345s
            load duration:        25.1ms
            prompt eval count:    26 token(s)
            prompt eval duration: 130ms
            prompt eval rate:     200.00 tokens/s
            eval count:           120 token(s)
            eval duration:        2.3s
            eval rate:            52.17 tokens/s
            $ ollama run llama3.2:3b --verbose "again"
            total duration:       1m2.5s
            load duration:        812µs
            eval count:           10 token(s)
            eval duration:        200ms
            eval rate:            50.00 tokens/s
            """);
        Assert.Equal(ArtifactKind.Text, Chimera.Insight.Inventory.ArtifactKinds.FromFileName(path));
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        Assert.Equal([2512.345, 62500.0], result.Of("TotalMs").Values());
        Assert.Equal([52.17, 50.0], result.Of("TokensPerSecond").Values());
        Assert.Equal([200.0], result.Of("PromptTokensPerSecond").Values());
        Assert.Equal(0.812, result.Of("LoadMs")[1].Value, 9);
        Assert.All(result.Samples, s => Assert.Equal("llama3.2:3b", s.Model));
        Assert.Contains(result.Notes, n => n.Reason.Contains("cache"));
    }

    [Fact]
    public void Other_text_files_are_not_artifacts()
    {
        var notes = files.Write("notes/todo.txt", "buy milk\nthe eval was fine\n");
        Assert.Null(Chimera.Insight.Inventory.ArtifactKinds.FromFileName(notes));
    }
}
