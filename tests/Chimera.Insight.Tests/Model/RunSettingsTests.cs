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
        Assert.Equal([0.05, 0.1], samples.Select(s => s.Settings["min_p"]!.Value));
        Assert.Empty(result.Of("min_p"));

        var metrics = Insight.Statistics.MeasurementSession.Measure(samples, new Insight.Statistics.MeasurementOptions());
        Assert.Equal([0.05, 0.1], metrics.Select(m => m.Settings["min_p"]!.Value).Order());
        Assert.All(metrics, m => Assert.Equal(2048, m.NumCtx));
    }

    [Fact]
    public void Settings_read_back_from_their_text_and_name_their_properties_as_PowerShell_spells_them()
    {
        var settings = RunSettings.Parse("num_gpu=80, num_ctx=512, temperature=0.7, device=cuda, min_p=0.05, top_k=2.5");

        Assert.Equal("num_gpu=80, num_ctx=512, temperature=0.7, min_p=0.05", settings.ToString());
        Assert.Equal(settings, RunSettings.Parse(settings.ToString()));
        Assert.Equal(0.05, settings["min_p"]);
        Assert.Null(settings["device"]);
        Assert.True(RunSettings.Parse(null).IsEmpty);
        Assert.Equal(["NumGpu", "NumCtx", "Temperature", "TopP", "TopK", "RepeatPenalty", "MinP"], RunSettings.Options.Select(o => o.PropertyName));
    }

    [Fact]
    public void The_public_objects_named_settings_are_views_of_their_Settings()
    {
        var sample = new BenchmarkSample { NumCtx = 2048, Temperature = 0.7 };
        sample.Settings = sample.Settings.With(RunSettings.Find("min_p")!, 0.05);
        sample.TopK = 40;

        Assert.Equal("num_ctx=2048, temperature=0.7, top_k=40, min_p=0.05", sample.Settings.ToString());
        sample.NumCtx = null;
        Assert.Null(sample.Settings.NumCtx);
        Assert.Equal(0.05, new BenchmarkMetric { Settings = sample.Settings }.Settings["min_p"]);
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
