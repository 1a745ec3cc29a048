using System.Globalization;

namespace Chimera.Insight.Ollama;

/// <summary>Whether sending benchmark data (and a key) to an address deserves a warning. Pure: contacts nothing.</summary>
public static class EndpointPolicy
{
    /// <summary>
    /// The warning for an address, or null when it is fine: plain http to another machine sends the
    /// benchmark data, and the API key when there is one, unencrypted across the network.
    /// </summary>
    public static string? Describe(Uri uri, bool apiKeyPresent = false)
    {
        if (OllamaEndpoint.IsLocal(uri) || string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var text = string.Format(CultureInfo.InvariantCulture, OllamaMessages.PlainHttpRemote, OllamaEndpoint.Display(uri));
        return apiKeyPresent ? text + " " + OllamaMessages.PlainHttpKey : text;
    }
}
