using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OllamaTestServer;

/// <summary>
/// A server on 127.0.0.1 that speaks Ollama's HTTP protocol, faults included, and records every
/// request it gets. In-process: <c>await using var server = new FakeOllama(); var uri = await server.StartAsync(options);</c>.
/// </summary>
public sealed class FakeOllama : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly List<RecordedRequest> requests = [];
    private readonly ConcurrentDictionary<string, LoadedModel> loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> busyCounts = new(StringComparer.OrdinalIgnoreCase);
    private ScenarioOptions options = new();
    private WebApplication? app;
    private int sequence;
    private int generations;

    public Uri? BaseUri { get; private set; }

    public ScenarioOptions Options => options;

    /// <summary>A snapshot of the requests received so far (the /_test endpoints excluded), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToArray();
            }
        }
    }

    public void ClearRequests()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    public async Task<Uri> StartAsync(ScenarioOptions? scenario = null, CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        options = scenario ?? new ScenarioOptions();
        foreach (var name in options.Preload)
        {
            var model = FindModel(name) ?? throw new ArgumentException($"Cannot preload unknown model '{name}'.");
            loaded[model.Name] = new LoadedModel(model, options.DefaultNumCtx, OptionRules.LoadSignature(null, options.DefaultNumCtx));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
        return BaseUri;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
            {
                await app.StopAsync(timeout.Token);
            }

            await app.DisposeAsync();
            app = null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_test/", StringComparison.Ordinal))
        {
            await HandleTestEndpointAsync(context, path);
            return;
        }

        var clock = Stopwatch.StartNew();
        var record = new RecordedRequest
        {
            Sequence = Interlocked.Increment(ref sequence),
            Method = context.Request.Method,
            Path = path,
            ArrivedAt = DateTimeOffset.UtcNow,
        };
        foreach (var header in context.Request.Headers)
        {
            record.Headers[header.Key] = header.Value.ToString();
        }

        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            record.Body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        lock (requests)
        {
            requests.Add(record);
        }

        try
        {
            await DispatchAsync(context, record, path, clock);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away: nothing left to answer.
        }
        finally
        {
            record.StatusCode = context.Response.StatusCode;
        }
    }

    private async Task DispatchAsync(HttpContext context, RecordedRequest record, string path, Stopwatch clock)
    {
        if (options.RequiredBearerToken is { } token &&
            record.Headers.GetValueOrDefault("Authorization") != "Bearer " + token)
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized");
            return;
        }

        var method = context.Request.Method;
        switch (path)
        {
            case "/" when HttpMethods.IsGet(method) || HttpMethods.IsHead(method):
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(HttpMethods.IsHead(method) ? "" : "Ollama is running");
                return;
            case "/api/version" when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, new JsonObject { ["version"] = options.Version });
                return;
            case "/api/tags" when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, new JsonObject { ["models"] = new JsonArray(options.Models.Select(TagEntry).ToArray<JsonNode?>()) });
                return;
            case "/api/ps" when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, new JsonObject { ["models"] = new JsonArray(loaded.Values.OrderBy(m => m.Model.Name).Select(RunningEntry).ToArray<JsonNode?>()) });
                return;
            case "/api/show" when HttpMethods.IsPost(method):
                await ShowAsync(context, record);
                return;
            case "/api/generate" when HttpMethods.IsPost(method):
                await GenerateAsync(context, record, clock, chat: false);
                return;
            case "/api/chat" when HttpMethods.IsPost(method):
                await GenerateAsync(context, record, clock, chat: true);
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("404 page not found");
                return;
        }
    }

    private async Task HandleTestEndpointAsync(HttpContext context, string path)
    {
        if (path == "/_test/log" && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(Requests, LogJson.Options));
        }
        else if (path == "/_test/log" && HttpMethods.IsDelete(context.Request.Method))
        {
            ClearRequests();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task ShowAsync(HttpContext context, RecordedRequest record)
    {
        var body = ParseObject(record);
        var name = body?["model"]?.GetValue<string>() ?? body?["name"]?.GetValue<string>();
        record.Model = name;
        var model = name is null ? null : FindModel(name);
        if (model is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"model '{name}' not found");
            return;
        }

        await WriteJsonAsync(context, new JsonObject
        {
            ["modelfile"] = $"FROM {model.Name}\n",
            ["parameters"] = "stop \"<end_of_turn>\"",
            ["template"] = "{{ .Prompt }}",
            ["details"] = Details(model),
            ["model_info"] = new JsonObject
            {
                ["general.architecture"] = model.Family,
                ["general.parameter_count"] = model.Size * 2,
                [$"{model.Family}.context_length"] = model.TrainedContextLength,
            },
            ["capabilities"] = new JsonArray("completion"),
        });
    }

    private async Task GenerateAsync(HttpContext context, RecordedRequest record, Stopwatch clock, bool chat)
    {
        var body = ParseObject(record);
        if (body is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid character looking for beginning of value");
            return;
        }

        var name = body["model"] is JsonValue modelValue && modelValue.GetValueKind() == JsonValueKind.String ? modelValue.GetValue<string>() : null;
        record.Model = name;
        if (string.IsNullOrEmpty(name))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "model is required");
            return;
        }

        var scenario = Scenario.Parse(context.Request.Headers[Scenario.HeaderName].ToString()) ?? Scenario.Parse(name);
        record.Scenario = scenario is null ? null : scenario.Number is { } n ? $"{scenario.Name}-{n}" : scenario.Name;
        var model = FindModel(name) ?? (scenario is null ? null : FakeModel.ForScenario(name));
        if (model is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"model '{name}' not found");
            return;
        }

        var keepAliveError = CheckKeepAlive(body["keep_alive"], out var unload);
        if (keepAliveError is not null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, keepAliveError);
            return;
        }

        if (body["options"] is not (null or JsonObject))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "json: cannot unmarshal options into map[string]interface {}");
            return;
        }

        var requestOptions = body["options"] as JsonObject;
        if (OptionRules.Validate(requestOptions) is { } optionError)
        {
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, optionError);
            return;
        }

        if (await RefuseForScenarioAsync(context, scenario, name))
        {
            return;
        }

        var promptText = chat ? ChatText(body) : $"{Text(body["system"])}{Text(body["prompt"])}";
        if (promptText.Length == 0)
        {
            await LoadOrUnloadAsync(context, model, requestOptions, unload, chat);
            return;
        }

        var numCtx = OptionRules.Integer(requestOptions, "num_ctx") ?? options.DefaultNumCtx;
        var promptTokens = (int)Math.Ceiling(promptText.Length / 4.0);
        if (promptTokens > numCtx)
        {
            if (options.RefuseLongPrompts || scenario?.Name == "refuse-long")
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "the input length exceeds the context length");
                return;
            }

            promptTokens = numCtx;
            record.Truncated = true;
        }

        record.PromptEvalCount = promptTokens;
        await EnsureLoadedAsync(model, requestOptions, numCtx, context.RequestAborted);
        var loadDuration = clock.Elapsed;
        record.LoadDurationNs = Nanoseconds(loadDuration);

        if (scenario?.Name == "stall-first")
        {
            await Task.Delay(StallLength(scenario), context.RequestAborted);
        }

        await Task.Delay(options.PromptDelay, context.RequestAborted);
        var promptEvalDuration = clock.Elapsed - loadDuration;

        var narrative = options.Narrative?.Invoke(promptText);
        var words = (narrative ?? options.ResponseText).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = narrative is null ? options.ResponseTokens : words.Length;
        var doneReason = "stop";
        if (OptionRules.Integer(requestOptions, "num_predict") is > 0 and var cap && cap < tokens)
        {
            tokens = cap;
            doneReason = "length";
        }

        var stream = body["stream"] is not JsonValue streamValue || streamValue.GetValueKind() != JsonValueKind.False;
        var writer = new ChunkWriter(context, name, chat, stream, record, clock);
        if (scenario?.Name == "think")
        {
            for (var i = 0; i < 3; i++)
            {
                await writer.WriteThinkingAsync($"thinking {i} ");
            }
        }

        var evalStart = clock.Elapsed;
        var interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, options.TokensPerSecond));
        for (var i = 0; i < tokens; i++)
        {
            if (i > 0)
            {
                await Task.Delay(interval, context.RequestAborted);
            }

            if (i == options.ChunksBeforeFault && scenario is not null)
            {
                switch (scenario.Name)
                {
                    case "error-midstream":
                        await writer.WriteLineAsync(new JsonObject { ["error"] = "an error was encountered while running the model: unexpected EOF" });
                        return;
                    case "drop":
                        context.Abort();
                        return;
                    case "nodone":
                        return;
                    case "stall":
                        await Task.Delay(StallLength(scenario), context.RequestAborted);
                        break;
                }
            }

            var word = words[i % words.Length];
            await writer.WriteTextAsync(i == 0 ? word : " " + word);
        }

        var evalDuration = clock.Elapsed - evalStart;
        var done = new JsonObject { ["done_reason"] = doneReason };
        if (!chat)
        {
            done["context"] = new JsonArray(1, 2, 3);
        }

        AddNonZero(done, "total_duration", Nanoseconds(clock.Elapsed));
        AddNonZero(done, "load_duration", Nanoseconds(loadDuration));
        AddNonZero(done, "prompt_eval_count", promptTokens);
        AddNonZero(done, "prompt_eval_duration", Nanoseconds(promptEvalDuration));
        AddNonZero(done, "eval_count", tokens);
        AddNonZero(done, "eval_duration", Nanoseconds(evalDuration));
        await writer.WriteDoneAsync(done);
        record.DoneSent = true;
    }

    private async Task<bool> RefuseForScenarioAsync(HttpContext context, Scenario? scenario, string model)
    {
        if (Interlocked.Increment(ref generations) <= options.BusyFirstRequests)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, BusyText);
            return true;
        }

        switch (scenario?.Name)
        {
            case "forbidden":
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return true;
            case "crash":
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "llama runner process has terminated: exit status 2");
                return true;
            case "busy" when scenario.Number is null || busyCounts.AddOrUpdate(model, 1, (_, count) => count + 1) <= scenario.Number:
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, BusyText);
                return true;
            default:
                return false;
        }
    }

    private const string BusyText = "server busy, please try again.  maximum pending requests exceeded";

    private async Task LoadOrUnloadAsync(HttpContext context, FakeModel model, JsonObject? requestOptions, bool unload, bool chat)
    {
        string reason;
        if (unload)
        {
            loaded.TryRemove(model.Name, out _);
            reason = "unload";
        }
        else
        {
            await EnsureLoadedAsync(model, requestOptions, OptionRules.Integer(requestOptions, "num_ctx") ?? options.DefaultNumCtx, context.RequestAborted);
            reason = "load";
        }

        var done = new JsonObject { ["model"] = model.Name, ["created_at"] = Now() };
        if (chat)
        {
            done["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" };
        }
        else
        {
            done["response"] = "";
        }

        done["done"] = true;
        done["done_reason"] = reason;
        await WriteJsonAsync(context, done);
    }

    private async Task EnsureLoadedAsync(FakeModel model, JsonObject? requestOptions, int numCtx, CancellationToken cancellationToken)
    {
        var signature = OptionRules.LoadSignature(requestOptions, options.DefaultNumCtx);
        if (loaded.TryGetValue(model.Name, out var current) && current.Signature == signature)
        {
            return;
        }

        await Task.Delay(options.ColdLoadDelay, cancellationToken);
        loaded[model.Name] = new LoadedModel(model, numCtx, signature);
    }

    private static string? CheckKeepAlive(JsonNode? keepAlive, out bool unload)
    {
        unload = false;
        switch (keepAlive?.GetValueKind())
        {
            case null:
                return null;
            case JsonValueKind.Number:
                unload = keepAlive.GetValue<double>() == 0;
                return null;
            case JsonValueKind.String:
                var text = keepAlive.GetValue<string>();
                if (GoDuration.Validate(text) is { } error)
                {
                    return error;
                }

                unload = GoDuration.IsZero(text);
                return null;
            default:
                return "json: cannot unmarshal keep_alive";
        }
    }

    private FakeModel? FindModel(string name)
    {
        var full = name.Contains(':') ? name : name + ":latest";
        return options.Models.FirstOrDefault(m => string.Equals(m.Name, full, StringComparison.OrdinalIgnoreCase));
    }

    private TimeSpan StallLength(Scenario scenario) =>
        scenario.Number is { } seconds ? TimeSpan.FromSeconds(seconds) : options.StallDuration;

    private static JsonObject? ParseObject(RecordedRequest record)
    {
        try
        {
            record.BodyJson = JsonNode.Parse(record.Body);
            return record.BodyJson as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static string ChatText(JsonObject body) =>
        body["messages"] is JsonArray messages
            ? string.Concat(messages.Select(m => Text(m?["content"])))
            : "";

    private static long Nanoseconds(TimeSpan span) => span.Ticks * 100;

    private static void AddNonZero(JsonObject target, string name, long value)
    {
        if (value != 0)
        {
            target[name] = value;
        }
    }

    internal static string Now() => DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);

    private static JsonObject Details(FakeModel model) => new()
    {
        ["parent_model"] = "",
        ["format"] = "gguf",
        ["family"] = model.Family,
        ["families"] = new JsonArray(model.Family),
        ["parameter_size"] = model.ParameterSize,
        ["quantization_level"] = model.QuantizationLevel,
    };

    private static string Digest(string name) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();

    private static JsonObject TagEntry(FakeModel model) => new()
    {
        ["name"] = model.Name,
        ["model"] = model.Name,
        ["modified_at"] = "2025-10-02T17:08:37.1234567Z",
        ["size"] = model.Size,
        ["digest"] = Digest(model.Name),
        ["details"] = Details(model),
    };

    private static JsonObject RunningEntry(LoadedModel entry) => new()
    {
        ["name"] = entry.Model.Name,
        ["model"] = entry.Model.Name,
        ["size"] = entry.Model.Size,
        ["digest"] = Digest(entry.Model.Name),
        ["details"] = Details(entry.Model),
        ["expires_at"] = DateTime.UtcNow.AddMinutes(5).ToString("o", CultureInfo.InvariantCulture),
        ["size_vram"] = (long)Math.Round(entry.Model.Size * entry.Model.GpuFraction),
        ["context_length"] = entry.ContextLength,
    };

    private static async Task WriteJsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(LogJson.Wire));
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        await WriteJsonAsync(context, new JsonObject { ["error"] = message });
    }

    private sealed record LoadedModel(FakeModel Model, int ContextLength, string Signature);

    /// <summary>Writes NDJSON chunks, each flushed at once; the headers leave with the first chunk.</summary>
    private sealed class ChunkWriter(HttpContext context, string model, bool chat, bool stream, RecordedRequest record, Stopwatch clock)
    {
        private readonly StringBuilder whole = new();

        public Task WriteThinkingAsync(string text)
        {
            var chunk = Chunk("");
            if (chat)
            {
                chunk["message"]!["thinking"] = text;
            }
            else
            {
                chunk["thinking"] = text;
            }

            return stream ? WriteLineAsync(chunk) : Task.CompletedTask;
        }

        public async Task WriteTextAsync(string text)
        {
            whole.Append(text);
            if (stream)
            {
                await WriteLineAsync(Chunk(text));
            }

            record.FirstChunkMs ??= clock.Elapsed.TotalMilliseconds;
            record.ChunksSent++;
        }

        public async Task WriteDoneAsync(JsonObject doneFields)
        {
            var chunk = Chunk(stream ? "" : whole.ToString());
            chunk["done"] = true;
            foreach (var (key, value) in doneFields.ToArray())
            {
                doneFields.Remove(key);
                chunk[key] = value;
            }

            record.DoneChunk = chunk.DeepClone();
            if (stream)
            {
                await WriteLineAsync(chunk);
            }
            else
            {
                await WriteJsonAsync(context, chunk);
            }
        }

        public async Task WriteLineAsync(JsonObject line)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.ContentType = "application/x-ndjson";
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString(LogJson.Wire)), context.RequestAborted);
            await context.Response.Body.WriteAsync(NewLine, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        private JsonObject Chunk(string text)
        {
            var chunk = new JsonObject { ["model"] = model, ["created_at"] = Now() };
            if (chat)
            {
                chunk["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text };
            }
            else
            {
                chunk["response"] = text;
            }

            chunk["done"] = false;
            return chunk;
        }
    }
}

internal static class LogJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Compact, with quotes and apostrophes written as they are (as Go writes them).</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
