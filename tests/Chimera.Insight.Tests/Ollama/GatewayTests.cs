using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Chimera.Insight.Ollama;
using OllamaTestServer;
using Xunit;

namespace Chimera.Insight.Tests.Ollama;

public sealed class GatewayTests : IAsyncLifetime
{
    private readonly FakeOllama server = new();
    private readonly OllamaGateway gateway = new(TimeSpan.FromMilliseconds(10));
    private Uri uri = null!;

    public async Task InitializeAsync() => uri = await server.StartAsync(new ScenarioOptions { ColdLoadDelay = TimeSpan.FromMilliseconds(120) });

    public async Task DisposeAsync()
    {
        gateway.Dispose();
        await server.DisposeAsync();
    }

    private GenerationRequest Request(string model = "gemma3:latest", string prompt = "Summarise the benchmark.") => new()
    {
        Uri = uri,
        Model = model,
        System = "You are InsightAgent.",
        Prompt = prompt,
        Timeout = TimeSpan.FromSeconds(20),
        IdleTimeout = TimeSpan.FromSeconds(10),
    };

    private RecordedRequest LastGeneration() => server.Requests.Last(r => r.Path is "/api/generate" or "/api/chat");

    [Fact]
    public async Task Streams_the_whole_answer_and_reports_the_done_chunk_figures()
    {
        var pieces = new List<string>();
        var result = await gateway.GenerateAsync(Request(), pieces.Add, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(server.Options.ResponseTokens, pieces.Count);
        Assert.Equal(string.Concat(pieces), result.Text);
        Assert.StartsWith("Throughput held steady", result.Text);

        var done = LastGeneration().DoneChunk!;
        Assert.Equal("stop", result.DoneReason);
        Assert.Equal((int)(long)done["eval_count"]!, result.TokensGenerated);
        Assert.Equal((int)(long)done["prompt_eval_count"]!, result.PromptTokens);
        Assert.Equal((long)done["total_duration"]! / 1e6, result.TotalDurationMs!.Value, 6);
        Assert.Equal((long)done["load_duration"]! / 1e6, result.LoadDurationMs!.Value, 6);
        Assert.Equal((long)done["prompt_eval_duration"]! / 1e6, result.PromptEvalDurationMs!.Value, 6);
        Assert.Equal((long)done["eval_duration"]! / 1e6, result.EvalDurationMs!.Value, 6);
        Assert.Equal((int)(long)done["eval_count"]! / ((long)done["eval_duration"]! / 1e9), result.TokensPerSecond!.Value, 6);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Options_system_prompt_and_keep_alive_arrive_on_the_wire_as_given()
    {
        var request = Request();
        request.KeepAlive = "3600";
        request.Options = new Dictionary<string, object?>
        {
            ["num_gpu"] = 80, ["num_ctx"] = 512, ["temperature"] = 1, ["top_p"] = 0.9, ["top_k"] = 40,
            ["repeat_penalty"] = 1.1, ["seed"] = 42L, ["num_predict"] = "12", ["min_p"] = 0.05, ["my_custom"] = "kept",
            ["dropped"] = null,
        };

        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        var body = LastGeneration().BodyJson!.AsObject();
        Assert.Equal(
            """{"num_gpu":80,"num_ctx":512,"temperature":1,"top_p":0.9,"top_k":40,"repeat_penalty":1.1,"seed":42,"num_predict":12,"min_p":0.05,"my_custom":"kept"}""",
            body["options"]!.ToJsonString());
        Assert.Equal("You are InsightAgent.", (string)body["system"]!);
        Assert.Equal("Summarise the benchmark.", (string)body["prompt"]!);
        Assert.Equal("3600s", (string)body["keep_alive"]!);
        Assert.False(body.ContainsKey("CustomHeaders"));
        Assert.Equal(12, result.TokensGenerated);
        Assert.Equal("length", result.DoneReason);
    }

    [Fact]
    public async Task Ttft_is_measured_on_the_client_and_matches_the_server_first_chunk()
    {
        await gateway.GenerateAsync(Request(), null, CancellationToken.None); // load the model first
        var result = await gateway.GenerateAsync(Request(), null, CancellationToken.None);

        var serverFirstChunk = LastGeneration().FirstChunkMs!.Value;
        Assert.True(result.TtftMs >= serverFirstChunk - 5, $"client {result.TtftMs} ms, server {serverFirstChunk} ms");
        Assert.True(Math.Abs(result.TtftMs!.Value - serverFirstChunk) < 50, $"client {result.TtftMs} ms, server {serverFirstChunk} ms");
    }

    [Fact]
    public async Task Ttft_ignores_thinking_chunks()
    {
        var result = await gateway.GenerateAsync(Request("think:latest"), null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.DoesNotContain("thinking", result.Text);
        Assert.True(Math.Abs(result.TtftMs!.Value - LastGeneration().FirstChunkMs!.Value) < 50);
    }

    [Fact]
    public async Task Chat_sends_system_and_user_messages()
    {
        var request = Request();
        request.UseChat = true;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        var recorded = LastGeneration();
        Assert.Equal("/api/chat", recorded.Path);
        var messages = recorded.BodyJson!["messages"]!.AsArray();
        Assert.Equal("system", (string)messages[0]!["role"]!);
        Assert.Equal("user", (string)messages[1]!["role"]!);
        Assert.Equal(server.Options.ResponseTokens, result.TokensGenerated);
    }

    [Fact]
    public async Task A_missing_model_names_the_model_and_the_host_and_suggests_a_pull()
    {
        var result = await gateway.GenerateAsync(Request("mistral:7b"), null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.ModelNotFound, result.ErrorKind);
        Assert.Equal(404, result.StatusCode);
        Assert.Contains("'mistral:7b'", result.ErrorMessage);
        Assert.Contains(OllamaEndpoint.Display(uri), result.ErrorMessage);
        Assert.Contains("ollama pull mistral:7b", result.ErrorMessage);
        Assert.Contains("model 'mistral:7b' not found", result.ErrorMessage);
    }

    [Fact]
    public async Task A_400_keeps_the_server_text()
    {
        var request = Request("refuse-long:latest", new string('x', 4000));
        request.Options["num_ctx"] = 256;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.BadRequest, result.ErrorKind);
        Assert.Contains("the input length exceeds the context length", result.ErrorMessage);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task A_500_is_retried_and_keeps_the_server_text()
    {
        var request = Request("crash:latest");
        request.MaxRetries = 1;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.ServerError, result.ErrorKind);
        Assert.Contains("llama runner process has terminated: exit status 2", result.ErrorMessage);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([500, 500], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_403_says_what_refuses_it()
    {
        var result = await gateway.GenerateAsync(Request("forbidden:latest"), null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.Forbidden, result.ErrorKind);
        Assert.Contains("403", result.ErrorMessage);
    }

    [Fact]
    public async Task A_wrongly_typed_known_option_is_refused_before_sending()
    {
        var request = Request();
        request.Options["num_gpu"] = "eighty";
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.InvalidRequest, result.ErrorKind);
        Assert.Contains("num_gpu", result.ErrorMessage);
        Assert.Contains("eighty", result.ErrorMessage);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Busy_is_retried_before_any_text_then_succeeds()
    {
        var request = Request("busy-2:retry");
        request.MaxRetries = 3;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([503, 503, 200], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Busy_after_every_retry_keeps_the_server_text()
    {
        var request = Request("busy:latest");
        request.MaxRetries = 2;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.Busy, result.ErrorKind);
        Assert.Equal(3, result.Attempts);
        Assert.Contains("server busy, please try again.  maximum pending requests exceeded", result.ErrorMessage);
        Assert.Contains("3 attempt(s)", result.ErrorMessage);
    }

    [Fact]
    public async Task A_refused_connection_fails_at_once_as_unreachable()
    {
        var request = Request();
        request.Uri = new Uri($"http://127.0.0.1:{FreePort()}/");
        request.MaxRetries = 2;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.Unreachable, result.ErrorKind);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("Cannot reach Ollama at http://127.0.0.1:", result.ErrorMessage);
    }

    [Fact]
    public async Task A_mid_stream_error_line_is_a_failure_that_keeps_the_partial_text_and_is_not_retried()
    {
        var result = await gateway.GenerateAsync(Request("error-midstream:latest"), null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.StreamError, result.ErrorKind);
        Assert.False(result.Complete);
        Assert.Equal("Throughput held steady", result.Text);
        Assert.Contains("unexpected EOF", result.ErrorMessage);
        Assert.Equal(1, result.Attempts);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_failure_that_keeps_the_partial_text()
    {
        var result = await gateway.GenerateAsync(Request("drop:latest"), null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.ConnectionLost, result.ErrorKind);
        Assert.Equal("Throughput held steady", result.Text);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task A_stream_without_done_chunk_is_incomplete_not_a_short_success()
    {
        var result = await gateway.GenerateAsync(Request("nodone:latest"), null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.IncompleteStream, result.ErrorKind);
        Assert.False(result.Complete);
        Assert.Equal("Throughput held steady", result.Text);
        Assert.Null(result.TokensGenerated);
    }

    [Fact]
    public async Task A_stall_longer_than_the_idle_timeout_fails_promptly()
    {
        var request = Request("stall-30:latest");
        request.IdleTimeout = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.IdleTimeout, result.ErrorKind);
        Assert.Equal("Throughput held steady", result.Text);
        Assert.Contains("0.3 s", result.ErrorMessage);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_idle_timeout_does_not_cover_the_wait_for_the_first_chunk()
    {
        // Silent for 3 s before the first chunk, against an idle limit of 1.5 s: generous enough that a loaded
        // machine's pauses between later chunks never reach it.
        var request = Request("stall-first-3:latest");
        request.IdleTimeout = TimeSpan.FromMilliseconds(1500);
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
    }

    [Fact]
    public async Task Cancelling_on_a_stalled_stream_returns_at_once_with_the_partial_text()
    {
        using var cancel = new CancellationTokenSource();
        var cancelledAt = new Stopwatch();
        var request = Request("stall-30:latest");
        var call = gateway.GenerateAsync(request, piece =>
        {
            if (!cancelledAt.IsRunning && piece.Contains("steady"))
            {
                cancel.CancelAfter(200);
                cancelledAt.Start();
            }
        }, cancel.Token);

        var result = await call;

        Assert.Equal(GenerationErrorKind.Cancelled, result.ErrorKind);
        Assert.Equal("Throughput held steady", result.Text);
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(5), $"returned {cancelledAt.Elapsed} after the cancel was scheduled");
    }

    [Fact]
    public async Task The_whole_call_timeout_ends_a_slow_first_chunk()
    {
        var request = Request("stall-first-30:latest");
        request.Timeout = TimeSpan.FromMilliseconds(400);
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.Equal(GenerationErrorKind.Timeout, result.ErrorKind);
        Assert.Contains("0.4 s", result.ErrorMessage);
    }

    [Fact]
    public async Task The_api_key_goes_as_a_bearer_header_and_nowhere_else()
    {
        const string key = "sk-test-0123456789abcdef";
        await using var proxy = new FakeOllama();
        var proxyUri = await proxy.StartAsync(new ScenarioOptions { RequiredBearerToken = key });

        var request = Request();
        request.Uri = proxyUri;
        request.ApiKey = key;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        var recorded = proxy.Requests.Single();
        Assert.Equal("Bearer " + key, recorded.Headers["Authorization"]);
        Assert.DoesNotContain(key, recorded.Body);
        Assert.DoesNotContain(key, result.ToString());
        Assert.DoesNotContain(key, request.ToString());

        request.ApiKey = key + "-wrong";
        var refused = await gateway.GenerateAsync(request, null, CancellationToken.None);
        Assert.Equal(GenerationErrorKind.Unauthorized, refused.ErrorKind);
        Assert.DoesNotContain(key, refused.ErrorMessage);
        Assert.DoesNotContain(key, refused.ToString());
    }

    [Fact]
    public async Task Eight_parallel_calls_are_independent()
    {
        var requests = Enumerable.Range(0, 8).Select(i =>
        {
            var request = Request(i % 2 == 0 ? "gemma3:latest" : "llama3.2:3b");
            request.Options["seed"] = i;
            return gateway.GenerateAsync(request, null, CancellationToken.None);
        }).ToArray();

        var results = await Task.WhenAll(requests);

        Assert.All(results, result => Assert.True(result.Succeeded, result.ErrorMessage));
        Assert.All(results, result => Assert.Equal(server.Options.ResponseTokens, result.TokensGenerated));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i).Order(), server.Requests.Select(r => (long)r.BodyJson!["options"]!["seed"]!).Order());
    }

    [Fact]
    public async Task Load_duration_is_large_when_cold_and_after_a_num_ctx_change()
    {
        var cold = await gateway.GenerateAsync(Request(), null, CancellationToken.None);
        var warm = await gateway.GenerateAsync(Request(), null, CancellationToken.None);
        var changed = Request();
        changed.Options["num_ctx"] = 8192;
        var reloaded = await gateway.GenerateAsync(changed, null, CancellationToken.None);

        Assert.True(cold.LoadDurationMs >= 100, $"cold {cold.LoadDurationMs}");
        Assert.True(warm.LoadDurationMs < cold.LoadDurationMs / 2, $"warm {warm.LoadDurationMs}, cold {cold.LoadDurationMs}");
        Assert.True(reloaded.LoadDurationMs >= 100, $"reloaded {reloaded.LoadDurationMs}");
    }

    [Fact]
    public async Task A_prompt_over_num_ctx_is_cut_silently_and_shows_only_in_prompt_tokens()
    {
        var request = Request(prompt: new string('y', 8000));
        request.Options["num_ctx"] = 512;
        var result = await gateway.GenerateAsync(request, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(512, result.PromptTokens);
        Assert.True(LastGeneration().Truncated);
    }

    [Fact]
    public async Task Status_reports_version_models_placement_and_presence()
    {
        await using var loaded = new FakeOllama();
        var loadedUri = await loaded.StartAsync(new ScenarioOptions { Preload = ["gemma3:latest", "llama3.2:3b", "qwen2.5:0.5b"], Version = "0.12.6" });

        var status = await gateway.GetStatusAsync(new BackendQuery { Uri = loadedUri, Model = "gemma3" }, CancellationToken.None);

        Assert.True(status.Reachable, status.Error);
        Assert.Null(status.Error);
        Assert.Equal("0.12.6", status.Version);
        Assert.Equal(OllamaEndpoint.Display(loadedUri), status.Uri);
        Assert.True(status.ModelPresent);
        var gemma = status.Models.Single(m => m.Name == "gemma3:latest");
        Assert.Equal(("Q4_K_M", "4.3B", "gemma3", 3_338_801_804L), (gemma.QuantizationLevel, gemma.ParameterSize, gemma.Family, gemma.Size));
        var placements = status.LoadedModels.ToDictionary(m => m.Name);
        Assert.Equal((100, "GPU", 4096), (placements["gemma3:latest"].GpuOffloadPercent, placements["gemma3:latest"].Placement, placements["gemma3:latest"].ContextLength!.Value));
        Assert.Equal((60, "60% GPU / 40% CPU"), (placements["llama3.2:3b"].GpuOffloadPercent, placements["llama3.2:3b"].Placement));
        Assert.Equal((0, "CPU"), (placements["qwen2.5:0.5b"].GpuOffloadPercent, placements["qwen2.5:0.5b"].Placement));

        var absent = await gateway.GetStatusAsync(new BackendQuery { Uri = loadedUri, Model = "mistral:7b" }, CancellationToken.None);
        Assert.False(absent.ModelPresent);

        // What a report reads after its call: the version and the loaded models, not the installed ones.
        loaded.ClearRequests();
        var afterCall = await gateway.GetStatusAsync(
            new BackendQuery { Uri = loadedUri, Model = "gemma3", IncludeInstalledModels = false }, CancellationToken.None);
        Assert.Equal("0.12.6", afterCall.Version);
        Assert.Equal(3, afterCall.LoadedModels.Length);
        Assert.Empty(afterCall.Models);
        Assert.Null(afterCall.ModelPresent);
        Assert.DoesNotContain(loaded.Requests, r => r.Path == "/api/tags");
        Assert.Contains(loaded.Requests, r => r.Path == "/api/ps");
    }

    [Fact]
    public async Task Status_of_a_server_that_is_down_is_unreachable_with_the_reason()
    {
        var down = new Uri($"http://127.0.0.1:{FreePort()}/");
        var status = await gateway.GetStatusAsync(new BackendQuery { Uri = down, Model = "gemma3", Timeout = TimeSpan.FromSeconds(2) }, CancellationToken.None);

        Assert.False(status.Reachable);
        Assert.Contains("Cannot reach Ollama at " + OllamaEndpoint.Display(down), status.Error);
        Assert.Null(status.ModelPresent);
        Assert.Empty(await gateway.GetModelNamesAsync(new BackendQuery { Uri = down }, CancellationToken.None));
    }

    [Fact]
    public async Task Model_names_come_from_the_tags()
    {
        var names = await gateway.GetModelNamesAsync(new BackendQuery { Uri = uri }, CancellationToken.None);

        Assert.Equal(["gemma3:latest", "llama3.2:3b", "qwen2.5:0.5b"], names);
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
