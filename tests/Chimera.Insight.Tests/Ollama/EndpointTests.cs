using Chimera.Insight.Ollama;
using Xunit;

namespace Chimera.Insight.Tests.Ollama;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("localhost:11434", "http://localhost:11434/")]
    [InlineData("127.0.0.1", "http://127.0.0.1:11434/")]
    [InlineData(":8080", "http://localhost:8080/")]
    [InlineData("0.0.0.0", "http://127.0.0.1:11434/")]
    [InlineData("0.0.0.0:11500", "http://127.0.0.1:11500/")]
    [InlineData("[::1]:11434", "http://[::1]:11434/")]
    [InlineData("gpu-box", "http://gpu-box:11434/")]
    [InlineData("http://gpu-box", "http://gpu-box/")]
    [InlineData("https://proxy.example/ollama", "https://proxy.example/ollama/")]
    [InlineData("HTTP://Gpu-Box:1234/", "http://gpu-box:1234/")]
    public void Ollama_host_forms_are_read_as_ollama_reads_them(string text, string expected) =>
        Assert.Equal(expected, OllamaEndpoint.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("ftp://host")]
    [InlineData("http://")]
    public void Invalid_addresses_are_refused(string text) =>
        Assert.Throws<FormatException>(() => OllamaEndpoint.Parse(text));

    [Theory]
    [InlineData("http://localhost:11434/")]
    [InlineData("http://127.0.0.1:11434/")]
    [InlineData("http://127.8.9.10:11434/")]
    [InlineData("http://[::1]:11434/")]
    [InlineData("https://gpu-box.example:443/")]
    public void Loopback_and_https_need_no_warning(string uri) =>
        Assert.Null(EndpointPolicy.Describe(new Uri(uri), apiKeyPresent: true));

    [Fact]
    public void Plain_http_to_another_machine_is_warned_and_more_so_with_a_key()
    {
        var uri = new Uri("http://user:pw@10.0.0.5:11434/");

        var warning = EndpointPolicy.Describe(uri);
        var withKey = EndpointPolicy.Describe(uri, apiKeyPresent: true);

        Assert.Contains("http://10.0.0.5:11434", warning);
        Assert.DoesNotContain("pw", warning);
        Assert.Contains("unencrypted", warning);
        Assert.Contains("API key", withKey);
    }

    [Theory]
    [InlineData(1000, 1000, 100)]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 600, 60)]
    [InlineData(1000, 999, 99)]
    [InlineData(1000, 1, 1)]
    public void Gpu_offload_follows_size_vram(long size, long vram, int percent) =>
        Assert.Equal(percent, GpuPlacement.OffloadPercent(size, vram));

    [Theory]
    [InlineData("NumCtx", "num_ctx")]
    [InlineData("numGpu", "num_gpu")]
    [InlineData("top_p", "top_p")]
    public void Option_names_become_snake_case(string name, string expected) =>
        Assert.Equal(expected, OllamaOptions.NormalizeName(name));

    [Fact]
    public void Option_values_take_ollama_types()
    {
        Assert.Equal(512L, OllamaOptions.NormalizeValue("num_ctx", "512"));
        Assert.Equal(512L, OllamaOptions.NormalizeValue("num_ctx", 512.0));
        Assert.Equal(1.0, OllamaOptions.NormalizeValue("temperature", 1));
        Assert.Equal(true, OllamaOptions.NormalizeValue("use_mmap", "True"));
        Assert.Equal(new[] { "a" }, OllamaOptions.NormalizeValue("stop", "a"));
        Assert.Equal("x", OllamaOptions.NormalizeValue("something_new", "x"));
        Assert.Throws<FormatException>(() => OllamaOptions.NormalizeValue("num_ctx", 512.5));
        Assert.Throws<FormatException>(() => OllamaOptions.NormalizeValue("temperature", "hot"));
    }

    [Theory]
    [InlineData("3600", "3600s")]
    [InlineData("-1", "-1s")]
    [InlineData("0", "0")]
    [InlineData("5m", "5m")]
    [InlineData(" ", null)]
    public void Keep_alive_text_gets_a_unit_when_it_has_none(string given, string? sent) =>
        Assert.Equal(sent, OllamaGateway.NormalizeKeepAlive(given));
}
