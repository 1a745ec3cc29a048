using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OllamaTestServer;
using Xunit;

namespace Chimera.Insight.Tests.Ollama;

/// <summary>The test server itself must behave as Ollama does, or the client tests prove nothing.</summary>
public sealed class FakeOllamaTests : IAsyncLifetime
{
    private readonly FakeOllama server = new();
    private readonly HttpClient http = new();
    private Uri uri = null!;

    public async Task InitializeAsync() =>
        uri = await server.StartAsync(new ScenarioOptions { ColdLoadDelay = TimeSpan.FromMilliseconds(50), BusyFirstRequests = 0 });

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(uri, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, completion);

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

    [Fact]
    public async Task The_root_says_ollama_is_running_for_get_and_head()
    {
        Assert.Equal("Ollama is running", await http.GetStringAsync(uri));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/plain", head.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Generate_streams_compact_ndjson_lines_and_a_done_chunk_without_zero_fields()
    {
        using var response = await PostAsync("api/generate", """{"model":"gemma3","prompt":"hello there","CustomHeaders":{},"unknown_key":1}""");

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(server.Options.ResponseTokens + 1, lines.Length);
        Assert.All(lines, line => Assert.DoesNotContain(": ", line));
        var first = JsonNode.Parse(lines[0])!;
        Assert.False((bool)first["done"]!);
        Assert.Equal("Throughput", (string)first["response"]!);
        var done = JsonNode.Parse(lines[^1])!.AsObject();
        Assert.True((bool)done["done"]!);
        Assert.Equal("stop", (string)done["done_reason"]!);
        foreach (var field in new[] { "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration" })
        {
            Assert.True((long)done[field]! > 0, field);
        }

        using var load = await PostAsync("api/generate", """{"model":"gemma3"}""");
        var loaded = JsonNode.Parse(await load.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("load", (string)loaded["done_reason"]!);
        Assert.False(loaded.ContainsKey("eval_count"));
        Assert.False(loaded.ContainsKey("total_duration"));
    }

    [Fact]
    public async Task Chat_streams_assistant_messages_and_stream_false_gives_one_object()
    {
        using var response = await PostAsync("api/chat", """{"model":"gemma3","messages":[{"role":"user","content":"hi"}],"stream":false}""");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("assistant", (string)body["message"]!["role"]!);
        Assert.StartsWith("Throughput held steady", (string)body["message"]!["content"]!);
        Assert.True((bool)body["done"]!);
        Assert.Equal(server.Options.ResponseTokens, (long)body["eval_count"]!);
    }

    [Fact]
    public async Task Headers_are_sent_only_with_the_first_chunk()
    {
        var clock = Stopwatch.StartNew();
        using var response = await PostAsync("api/generate", """{"model":"stall-first-1","prompt":"x"}""", HttpCompletionOption.ResponseHeadersRead);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"headers after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"gemma3","prompt":"x","keep_alive":"3600"}""", 400, "time: missing unit in duration \"3600\"")]
    [InlineData("""{"model":"gemma3","prompt":"x",""", 400, "invalid character")]
    [InlineData("""{"model":"mistral:7b","prompt":"x"}""", 404, "model 'mistral:7b' not found")]
    [InlineData("""{"model":"gemma3","prompt":"x","options":{"num_gpu":"80"}}""", 500, "option \"num_gpu\" must be of type integer")]
    [InlineData("""{"model":"crash","prompt":"x"}""", 500, "llama runner process has terminated")]
    [InlineData("""{"model":"busy","prompt":"x"}""", 503, "server busy, please try again.  maximum pending requests exceeded")]
    public async Task Errors_have_ollama_status_and_body(string body, int status, string text)
    {
        using var response = await PostAsync("api/generate", body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(text, await ErrorOf(response));
    }

    [Fact]
    public async Task Keep_alive_as_a_number_or_a_duration_is_accepted_and_zero_unloads()
    {
        using var number = await PostAsync("api/generate", """{"model":"gemma3","prompt":"x","keep_alive":3600}""");
        using var duration = await PostAsync("api/generate", """{"model":"gemma3","prompt":"x","keep_alive":"1h30m"}""");
        Assert.Equal(HttpStatusCode.OK, number.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duration.StatusCode);
        Assert.Contains("gemma3:latest", await http.GetStringAsync(new Uri(uri, "api/ps")));

        using var unload = await PostAsync("api/generate", """{"model":"gemma3","keep_alive":0}""");
        Assert.Equal("unload", (string)JsonNode.Parse(await unload.Content.ReadAsStringAsync())!["done_reason"]!);
        Assert.DoesNotContain("gemma3:latest", await http.GetStringAsync(new Uri(uri, "api/ps")));
    }

    [Fact]
    public async Task Forbidden_has_an_empty_body()
    {
        using var response = await PostAsync("api/generate", """{"model":"forbidden","prompt":"x"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_mid_stream_error_is_one_error_line_and_no_done_chunk()
    {
        using var response = await PostAsync("api/generate", """{"model":"error-midstream","prompt":"x"}""");

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.Options.ChunksBeforeFault + 1, lines.Length);
        Assert.NotNull(JsonNode.Parse(lines[^1])!["error"]);
        Assert.DoesNotContain(lines, line => line.Contains("\"done\":true"));
    }

    [Fact]
    public async Task The_scenario_header_wins_over_the_model_name()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, "api/generate"))
        {
            Content = new StringContent("""{"model":"gemma3","prompt":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Scenario.HeaderName, "crash");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("crash", server.Requests.Single().Scenario);
    }

    [Fact]
    public async Task The_first_k_generations_get_busy_when_configured()
    {
        await using var busy = new FakeOllama();
        var busyUri = await busy.StartAsync(new ScenarioOptions { BusyFirstRequests = 2 });
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync(new Uri(busyUri, "api/generate"), new StringContent("""{"model":"gemma3","prompt":"x"}"""));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([503, 503, 200], statuses);
    }

    [Fact]
    public async Task A_prompt_over_num_ctx_is_cut_to_it_or_refused_by_setting()
    {
        var longPrompt = new string('z', 4000);
        using var cut = await PostAsync("api/generate", $$$"""{"model":"gemma3","prompt":"{{{longPrompt}}}","options":{"num_ctx":256},"stream":false}""");
        Assert.Equal(256, (long)JsonNode.Parse(await cut.Content.ReadAsStringAsync())!["prompt_eval_count"]!);

        await using var strict = new FakeOllama();
        var strictUri = await strict.StartAsync(new ScenarioOptions { RefuseLongPrompts = true });
        using var refused = await http.PostAsync(new Uri(strictUri, "api/generate"),
            new StringContent($$$"""{"model":"gemma3","prompt":"{{{longPrompt}}}","options":{"num_ctx":256}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Tags_show_and_version_describe_the_models()
    {
        var version = JsonNode.Parse(await http.GetStringAsync(new Uri(uri, "api/version")))!;
        Assert.Equal(server.Options.Version, (string)version["version"]!);

        var tags = JsonNode.Parse(await http.GetStringAsync(new Uri(uri, "api/tags")))!["models"]!.AsArray();
        Assert.Equal(3, tags.Count);
        Assert.Equal("Q4_K_M", (string)tags[0]!["details"]!["quantization_level"]!);

        using var show = await PostAsync("api/show", """{"model":"gemma3:latest"}""");
        var info = JsonNode.Parse(await show.Content.ReadAsStringAsync())!;
        Assert.Equal(131072, (long)info["model_info"]!["gemma3.context_length"]!);
        using var missing = await PostAsync("api/show", """{"model":"nope"}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_log_records_headers_bodies_and_the_first_chunk_time_and_is_served_as_json()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, "api/generate"))
        {
            Content = new StringContent("""{"model":"gemma3","prompt":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "abc");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsStringAsync();

        var recorded = server.Requests.Single();
        Assert.Equal("Bearer abc", recorded.Headers["Authorization"]);
        Assert.Equal("gemma3", recorded.Model);
        Assert.True(recorded.FirstChunkMs > 0);
        Assert.True(recorded.DoneSent);

        var log = JsonNode.Parse(await http.GetStringAsync(new Uri(uri, "_test/log")))!.AsArray();
        Assert.Single(log);
        Assert.Equal("/api/generate", (string)log[0]!["path"]!);
        Assert.True((double)log[0]!["firstChunkMs"]! > 0);
        using var clear = await http.DeleteAsync(new Uri(uri, "_test/log"));
        Assert.Empty(server.Requests);
    }
}
