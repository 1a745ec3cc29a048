namespace OllamaTestServer;

/// <summary>How the fake Ollama server behaves. Per-request faults are chosen by the model name or a header (see <see cref="Scenario"/>).</summary>
public sealed class ScenarioOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    public string Version { get; set; } = "0.12.6";

    /// <summary>Models /api/tags lists and /api/generate accepts (scenario models are accepted too).</summary>
    public List<FakeModel> Models { get; set; } = FakeModel.Defaults();

    /// <summary>Models loaded at start (as if a request had loaded them), with the default context.</summary>
    public List<string> Preload { get; set; } = [];

    /// <summary>Streaming rate of generated tokens (one token per chunk).</summary>
    public double TokensPerSecond { get; set; } = 400;

    /// <summary>Tokens generated per answer unless num_predict caps it.</summary>
    public int ResponseTokens { get; set; } = 24;

    /// <summary>The text streamed back, split into word tokens and repeated as needed.</summary>
    public string ResponseText { get; set; } =
        "Throughput held steady at the measured rate while time to first token stayed within the observed range across runs.";

    /// <summary>
    /// When set, the answer is composed from the request's prompt (as a model writes from the facts it was given) and
    /// streamed whole, one word a chunk; <see cref="ResponseText"/> and <see cref="ResponseTokens"/> are then unused
    /// (num_predict still caps it). Tests use it to stream narratives that mix fact ids, right figures and wrong ones.
    /// </summary>
    public Func<string, string>? Narrative { get; set; }

    /// <summary>Time spent "evaluating the prompt" before the first chunk.</summary>
    public TimeSpan PromptDelay { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Time spent loading a model on its first request or when a load-time option (num_ctx, num_gpu...) changes.</summary>
    public TimeSpan ColdLoadDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The context a model gets when the request does not set num_ctx.</summary>
    public int DefaultNumCtx { get; set; } = 4096;

    /// <summary>A prompt longer than num_ctx (estimated at 4 characters a token) is refused with 400 instead of cut silently.</summary>
    public bool RefuseLongPrompts { get; set; }

    /// <summary>The first K generate/chat requests (all models together) get 503 busy.</summary>
    public int BusyFirstRequests { get; set; }

    /// <summary>How long the stall scenarios stay silent unless the scenario names a number of seconds.</summary>
    public TimeSpan StallDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Chunks sent before a mid-stream fault (error line, drop, stall, missing done chunk).</summary>
    public int ChunksBeforeFault { get; set; } = 3;

    /// <summary>When set, every request must carry "Authorization: Bearer &lt;token&gt;" (a reverse proxy in front of Ollama), else 401.</summary>
    public string? RequiredBearerToken { get; set; }
}

/// <summary>A model the fake server knows: what /api/tags, /api/show and /api/ps report.</summary>
public sealed class FakeModel
{
    public string Name { get; set; } = "";
    public long Size { get; set; }
    public string Family { get; set; } = "";
    public string ParameterSize { get; set; } = "";
    public string QuantizationLevel { get; set; } = "Q4_K_M";
    public int TrainedContextLength { get; set; } = 131072;

    /// <summary>Share of the model held in VRAM once loaded: 1 = all on GPU, 0 = all on CPU.</summary>
    public double GpuFraction { get; set; } = 1.0;

    /// <summary>A model that exists only to carry a scenario (<c>stall:latest</c>...).</summary>
    public static FakeModel ForScenario(string name) => new()
    {
        Name = name.Contains(':') ? name : name + ":latest",
        Size = 1_000_000_000,
        Family = "test",
        ParameterSize = "1B",
    };

    public static List<FakeModel> Defaults() =>
    [
        new() { Name = "gemma3:latest", Size = 3_338_801_804, Family = "gemma3", ParameterSize = "4.3B", QuantizationLevel = "Q4_K_M", TrainedContextLength = 131072 },
        new() { Name = "llama3.2:3b", Size = 2_019_393_189, Family = "llama", ParameterSize = "3.2B", QuantizationLevel = "Q4_K_M", TrainedContextLength = 131072, GpuFraction = 0.6 },
        new() { Name = "qwen2.5:0.5b", Size = 397_821_319, Family = "qwen2", ParameterSize = "494.03M", QuantizationLevel = "Q4_K_M", TrainedContextLength = 32768, GpuFraction = 0 },
    ];
}
