using System.Text.Json;
using Chimera.Insight.Extraction;
using Xunit;

namespace Chimera.Insight.Tests.Extraction;

public class JsonPropertyNamesTests
{
    private readonly JsonPropertyNames cache = new();

    [Fact]
    public void Every_name_comes_back_as_written_whatever_the_cache_holds()
    {
        // More names than the cache has slots, some escaped, one too long to cache, each seen twice.
        var names = Enumerable.Range(0, 300).Select(i => "field_" + i)
            .Concat(["tt\u00e9ft", "quote\"d", new string('x', 200), ""])
            .ToList();
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(names.ToDictionary(n => n, n => 1)));

        for (var pass = 0; pass < 2; pass++)
        {
            Assert.Equal(names, document.RootElement.EnumerateObject().Select(cache.Of).ToList());
        }
    }

    [Fact]
    public void A_name_maps_as_the_metric_names_say_whether_cached_or_not()
    {
        using var document = JsonDocument.Parse("{\"ttft_s\":1,\"tt\\u0066t_s\":2,\"" + new string('x', 60) + "_ms\":3}");

        foreach (var pass in new[] { 1, 2 })
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = cache.Of(property, out var mapping);
                Assert.Equal(property.Name, name);
                Assert.Same(MetricNames.Map(property.Name), mapping);
            }
        }
    }

    [Fact]
    public void A_repeated_name_is_the_same_string()
    {
        using var document = JsonDocument.Parse("[{\"ttft_s\":1},{\"ttft_s\":2}]");
        var names = document.RootElement.EnumerateArray().Select(o => cache.Of(o.EnumerateObject().Single())).ToList();

        Assert.Same(names[0], names[1]);
    }
}
