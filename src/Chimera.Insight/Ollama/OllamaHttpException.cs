namespace Chimera.Insight.Ollama;

/// <summary>A refused request with the server's own error text (OllamaSharp drops it for 404, 500 and 503).</summary>
internal sealed class OllamaHttpException : Exception
{
    public OllamaHttpException(int statusCode, string serverText)
        : base($"HTTP {statusCode}: {serverText}")
    {
        StatusCode = statusCode;
        ServerText = serverText;
    }

    public int StatusCode { get; }

    public string ServerText { get; }
}
