using System.Globalization;
using System.Net;

namespace Chimera.Insight.Ollama;

/// <summary>Ollama addresses: OLLAMA_HOST's forms, the base address the client needs, and how to show one.</summary>
public static class OllamaEndpoint
{
    public const int DefaultPort = 11434;

    public static Uri DefaultUri { get; } = new("http://localhost:11434/");

    /// <summary>
    /// Reads an address as Ollama's own client does: "http://host:port", "https://host", "host:port",
    /// "host", ":port" or "[::1]:port". Without a scheme: http and port 11434; with one, its usual port;
    /// a wildcard host (0.0.0.0, ::) means this machine. The result ends with "/" so a base path is kept.
    /// </summary>
    /// <exception cref="FormatException">The text is not an address.</exception>
    public static Uri Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException(OllamaMessages.EmptyAddress);
        }

        var trimmed = text.Trim();
        var scheme = "http";
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = trimmed.Substring(0, schemeEnd).ToLowerInvariant();
            trimmed = trimmed.Substring(schemeEnd + 3);
        }

        if (scheme != "http" && scheme != "https")
        {
            throw new FormatException(string.Format(CultureInfo.InvariantCulture, OllamaMessages.UnsupportedScheme, text, scheme));
        }

        var slash = trimmed.IndexOf('/');
        var path = slash >= 0 ? trimmed.Substring(slash) : "/";
        var authority = slash >= 0 ? trimmed.Substring(0, slash) : trimmed;
        if (authority.StartsWith(":", StringComparison.Ordinal))
        {
            authority = "localhost" + authority;
        }

        if (!Uri.TryCreate($"{scheme}://{authority}{path}", UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new FormatException(string.Format(CultureInfo.InvariantCulture, OllamaMessages.InvalidAddress, text));
        }

        var builder = new UriBuilder(uri);
        if (schemeEnd < 0 && !HasExplicitPort(authority))
        {
            builder.Port = DefaultPort;
        }

        if (IsWildcard(builder.Host))
        {
            builder.Host = "127.0.0.1";
        }

        if (!builder.Path.EndsWith("/", StringComparison.Ordinal))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    /// <summary>Like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out Uri? uri)
    {
        try
        {
            uri = Parse(text ?? "");
            return true;
        }
        catch (FormatException)
        {
            uri = null;
            return false;
        }
    }

    /// <summary>The address as shown in messages: no user information, no trailing slash.</summary>
    public static string Display(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');

    /// <summary>True for localhost, 127.0.0.0/8, ::1 and the wildcard addresses (which mean this machine).</summary>
    public static bool IsLocal(Uri uri)
    {
        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || IsWildcard(host))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    private static bool IsWildcard(string host)
    {
        var bare = host.Trim('[', ']');
        return bare == "0.0.0.0" || bare == "::" || bare == "0:0:0:0:0:0:0:0";
    }

    private static bool HasExplicitPort(string authority)
    {
        var hostEnd = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        return colon > hostEnd && colon < authority.Length - 1 && (hostEnd >= 0 || authority.IndexOf(':') == colon);
    }
}
