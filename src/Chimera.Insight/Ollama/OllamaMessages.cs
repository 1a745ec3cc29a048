namespace Chimera.Insight.Ollama;

/// <summary>Every user-facing message of the Ollama client. {0} is the server address unless noted.</summary>
internal static class OllamaMessages
{
    public const string EmptyAddress = "The Ollama address is empty.";
    public const string UnsupportedScheme = "The Ollama address '{0}' uses the scheme '{1}': only http and https are supported.";
    public const string InvalidAddress = "'{0}' is not a valid Ollama address (expected http://host:port, host:port or host).";
    public const string PlainHttpRemote = "The Ollama address {0} is another machine reached over plain http: the benchmark data and the prompt travel unencrypted. Use https (a reverse proxy) or a loopback address.";
    public const string PlainHttpKey = "The API key would travel unencrypted too.";

    public const string NoModel = "No model was given.";
    public const string RelativeUri = "The Ollama address must be an absolute http or https address.";
    public const string InvalidOption = "Option '{0}' must be {1}; got '{2}'.";
    public const string WholeNumber = "a whole number";
    public const string Number = "a number";
    public const string Boolean = "true or false";
    public const string TextList = "a text or a list of texts";

    // {0} address, {1} model, {2} server text
    public const string ModelNotFound = "Model '{1}' is not available on the Ollama server at {0} (server: {2}). Pull it first: ollama pull {1}";
    // {0} address, {1} status code, {2} server text
    public const string BadRequest = "Ollama at {0} rejected the request ({1}): {2}";
    public const string ServerError = "Ollama at {0} failed ({1}): {2}";
    public const string HttpError = "Ollama at {0} answered HTTP {1}: {2}";
    // {0} address, {1} attempts, {2} server text
    public const string Busy = "Ollama at {0} is busy (503) after {1} attempt(s): {2}";
    public const string Unauthorized = "The server at {0} refused the credentials (401): {1}. Check the API key (-ApiKey or OLLAMA_API_KEY).";
    public const string Forbidden = "The server at {0} refused the request (403 Forbidden). A reverse proxy, or Ollama's OLLAMA_ORIGINS / Host checks, may be rejecting this client.";
    // {0} address, {1} reason, {2} attempts
    public const string Unreachable = "Cannot reach Ollama at {0} after {2} attempt(s): {1}. Check that 'ollama serve' is running and the address (-OllamaUri, the configuration file or OLLAMA_HOST).";
    // {0} address, {1} characters received, {2} server text
    public const string StreamError = "Ollama at {0} reported an error mid-stream after {1} characters of answer: {2}";
    public const string IncompleteStream = "The answer from {0} ended without its final chunk after {1} characters: it is incomplete.";
    // {0} address, {1} characters received, {2} reason
    public const string ConnectionLost = "The connection to {0} was lost mid-stream after {1} characters of answer: {2}";
    // {0} address, {1} seconds, {2} characters received
    public const string IdleTimeout = "Ollama at {0} sent nothing for {1} s once the answer had started (idle timeout); {2} characters had arrived.";
    public const string Timeout = "The call to Ollama at {0} did not finish within {1} s (timeout); {2} characters had arrived.";
    public const string Cancelled = "The call to Ollama at {0} was cancelled; {1} characters had arrived.";
    public const string NoResponseText = "(no error text)";
}
