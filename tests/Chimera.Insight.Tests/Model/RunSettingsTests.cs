using Chimera.Insight.Extraction;
using Chimera.Insight.Ollama;
using Chimera.Insight.Tests.Extraction;
using Xunit;

namespace Chimera.Insight.Tests.Model;

public sealed class RunSettingsTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void The_named_roles_are_the_first_options_of_the_table()
    {
        Assert.InRange(RunSettings.Options.Count, 1, RunSettings.Capacity);
        Assert.Equal("num_gpu", FieldRole.NumGpu.RunOption().Name);
        Assert.Equal("num_ctx", FieldRole.NumCtx.RunOption().Name);
        Assert.Equal("temperature", FieldRole.Temperature.RunOption().Name);
        Assert.Equal("top_p", FieldRole.TopP.RunOption().Name);
        Assert.Equal("top_k", FieldRole.TopK.RunOption().Name);
        Assert.Equal("repeat_penalty", FieldRole.RepeatPenalty.RunOption().Name);
        Assert.All(RunSettings.Options, option => Assert.Equal(option, FieldRoles.Of(option).RunOption()));
    }

    [Fact]
    public void A_value_is_set_only_when_the_option_can_take_it()
    {
        var numCtx = RunSettings.Find("num_ctx")!;
        Assert.False(RunSettings.None.TryWith(numCtx, 1.5, out _));
        Assert.False(RunSettings.None.TryWith(RunSettings.Find("temperature")!, double.NaN, out _));
        var settings = RunSettings.None.With(numCtx, 512).With(RunSettings.Find("min_p")!, 0.05);
        Assert.Equal(512, settings.NumCtx);
        Assert.Equal("num_ctx=512, min_p=0.05", settings.ToString());
        Assert.Equal(settings, RunSettings.None.With(RunSettings.Find("min_p")!, 0.05).With(numCtx, 512));
        Assert.Equal("num_ctx=512", settings.Intersect(RunSettings.None.With(numCtx, 512)).ToString());
        Assert.True(RunSettings.None.IsEmpty);
    }

    [Fact]
    public void A_min_p_column_is_a_run_setting_of_every_record_and_of_its_configuration()
    {
        var result = files.Read("sweep.csv",
            "model,num_ctx,min_p,tokens_s\n" +
            "llama3.1:8b,2048,0.05,77.5\n" +
            "llama3.1:8b,2048,0.1,70.25\n");
        Assert.Empty(result.Errors);
        var samples = result.Of("TokensPerSecond");
        Assert.Equal(["num_ctx=2048, min_p=0.05", "num_ctx=2048, min_p=0.1"], samples.Select(s => s.Configuration));
        Assert.Empty(result.Of("min_p"));
    }

    [Fact]
    public void The_options_text_orders_the_run_settings_first_and_types_them_from_the_table()
    {
        var options = new Dictionary<string, object> { ["seed"] = 7L, ["min_p"] = 0.05, ["num_ctx"] = 512L };
        Assert.Equal("num_ctx=512, min_p=0.05, seed=7", OllamaOptions.Describe(options));
        Assert.Throws<FormatException>(() => OllamaOptions.NormalizeValue("num_ctx", 1.5));
        Assert.Equal(0.05, OllamaOptions.NormalizeValue("min_p", "0.05"));
    }
}
