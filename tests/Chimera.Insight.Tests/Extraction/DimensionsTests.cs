using Xunit;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public sealed class DimensionsTests
{
    [Theory]
    [InlineData("3", "#3")]
    [InlineData("0", "#0")]
    [InlineData("1023", "#1023")]
    [InlineData("1024", "#1024")]
    [InlineData("007", "#007")]
    [InlineData("12345", "#12345")]
    [InlineData("2.5", "#2.5")]
    [InlineData("a1", "#a1")]
    public void A_prompt_without_text_shows_as_its_index(string index, string label)
    {
        Assert.Equal(label, new Dimensions { PromptIndex = index }.PromptText);
        Assert.Equal("text", new Dimensions { PromptIndex = index, Prompt = "text" }.PromptText);
    }

    [Theory]
    [InlineData(5, "5")]
    [InlineData(0, "0")]
    [InlineData(5.5, "5.5")]
    [InlineData(2000, "2000")]
    [InlineData(-1, "-1")]
    public void A_numeric_prompt_index_is_written_as_the_number(double value, string text)
    {
        var dimensions = new Dimensions();
        Assert.True(dimensions.SetNumber(FieldRole.PromptIndex, value));
        Assert.Equal(text, dimensions.PromptIndex);
    }

    [Fact]
    public void Optional_numbers_are_unset_until_set_and_can_be_unset()
    {
        var dimensions = new Dimensions();
        Assert.Null(dimensions.NumGpu);
        Assert.Null(dimensions.Temperature);
        Assert.Null(dimensions.Timestamp);

        dimensions.NumGpu = 0;
        dimensions.Settings = dimensions.Settings.With(RunSettings.TopKOption, int.MinValue);
        dimensions.Temperature = 0;
        dimensions.Timestamp = default(DateTime);
        Assert.Equal(0, dimensions.NumGpu);
        Assert.Equal(int.MinValue, dimensions.Settings.TopK);
        Assert.Equal(0, dimensions.Temperature);
        Assert.Equal(default(DateTime), dimensions.Timestamp);
        Assert.Null(dimensions.NumCtx);

        dimensions.NumGpu = null;
        dimensions.Temperature = null;
        dimensions.Timestamp = null;
        Assert.Null(dimensions.NumGpu);
        Assert.Null(dimensions.Temperature);
        Assert.Null(dimensions.Timestamp);
        Assert.Equal(int.MinValue, dimensions.Settings.TopK);

        var copy = new Dimensions { Settings = RunSettings.Parse("num_ctx=2048, top_p=0.9") };
        copy.FillFrom(new Dimensions { Settings = RunSettings.Parse("num_ctx=1024, num_gpu=80, top_p=0.5, min_p=0.05") });
        Assert.Equal("num_gpu=80, num_ctx=2048, top_p=0.9, min_p=0.05", copy.Settings.ToString());
    }
}
