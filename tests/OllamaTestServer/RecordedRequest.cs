using System.Text.Json.Nodes;

namespace OllamaTestServer;

/// <summary>One request the fake server received, with what it answered and when its first chunk left.</summary>
public sealed class RecordedRequest
{
    public int Sequence { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public string Body { get; set; } = "";

    /// <summary>The body parsed as JSON, or null when it was not JSON.</summary>
    public JsonNode? BodyJson { get; set; }

    public string? Model { get; set; }
    public string? Scenario { get; set; }
    public int StatusCode { get; set; }
    public DateTimeOffset ArrivedAt { get; set; }

    /// <summary>Server time from the request's arrival to the flush of the first chunk with text.</summary>
    public double? FirstChunkMs { get; set; }

    /// <summary>Chunks with text the server wrote (a mid-stream fault stops early).</summary>
    public int ChunksSent { get; set; }

    public bool DoneSent { get; set; }

    /// <summary>The final chunk as sent (streamed line or whole non-streamed answer).</summary>
    public JsonNode? DoneChunk { get; set; }
    public long? LoadDurationNs { get; set; }
    public int? PromptEvalCount { get; set; }
    public bool Truncated { get; set; }
}
