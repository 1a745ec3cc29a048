using Chimera.Insight.Configuration;
using Xunit;

namespace Chimera.Insight.Tests.Configuration;

public sealed class SettingsResolverTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("chimera-config-").FullName;
    private readonly Dictionary<string, string> environment = new();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private SettingsResolver Resolver() => new(name => environment.TryGetValue(name, out var value) ? value : null);

    private string WriteFile(string yaml, string name = DefaultSettings.FileName)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private EffectiveSettings Resolve(SettingsParameters? parameters = null)
    {
        parameters ??= new SettingsParameters();
        parameters.WorkingDirectory ??= folder;
        return Resolver().Resolve(parameters);
    }

    private static InsightSetting Source(EffectiveSettings settings, string setting) => settings.Sources.Single(s => s.Setting == setting);

    private const string ContractFile = """
        ollama:
          uri: http://gpu-box:11434
          model: llama3.2:3b
          timeoutSeconds: 300
          idleTimeoutSeconds: 30
          maxRetries: 5
        options:
          num_ctx: 2048
          top_p: 0.9
        profiles:
          baseline: {}
          chimera:
            options: { num_gpu: 80, num_ctx: 512, temperature: 1 }
          tiny:
            ollama: { model: qwen2.5:0.5b }
            options: { top_p: null, stop: ["###", "END"] }
        persona: |
          You are a careful analyst.
          Cite only the data.
        """;

    [Fact]
    public void Without_file_environment_or_parameters_the_defaults_apply()
    {
        var settings = Resolve();

        Assert.Equal("http://localhost:11434/", settings.OllamaUri.ToString());
        Assert.Equal("gemma3:latest", settings.Model);
        Assert.Equal(TimeSpan.FromSeconds(600), settings.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.IdleTimeout);
        Assert.Equal("num_ctx=4096", settings.ConfigurationText);
        Assert.StartsWith("You are InsightAgent, a Chimera-optimised LLM operations specialist.", settings.Persona);
        Assert.Null(settings.ConfigurationPath);
        Assert.All(settings.Sources, source => Assert.Equal(SettingSource.Default, source.Source));
        Assert.Equal("(absent)", Source(settings, "ollama.apiKey").Value);
    }

    [Fact]
    public void The_file_in_the_working_directory_is_read_with_line_provenance()
    {
        var path = WriteFile(ContractFile);

        var settings = Resolve();

        Assert.Equal(path, settings.ConfigurationPath);
        Assert.Equal("http://gpu-box:11434/", settings.OllamaUri.ToString());
        Assert.Equal("llama3.2:3b", settings.Model);
        Assert.Equal(TimeSpan.FromSeconds(300), settings.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.IdleTimeout);
        Assert.Equal(5, settings.MaxRetries);
        Assert.Equal("num_ctx=2048, top_p=0.9", settings.ConfigurationText);
        Assert.Equal("You are a careful analyst.\nCite only the data.", settings.Persona);
        var model = Source(settings, "ollama.model");
        Assert.Equal((SettingSource.File, path + ":3"), (model.Source, model.Detail));
        Assert.Equal(SettingSource.File, Source(settings, "options.num_ctx").Source);
    }

    [Fact]
    public void Parameters_beat_the_profile_which_beats_the_file_which_beats_the_environment()
    {
        WriteFile(ContractFile);
        environment["OLLAMA_HOST"] = "env-box:9999";
        environment["OLLAMA_API_KEY"] = "sk-env-secret";

        var settings = Resolve(new SettingsParameters
        {
            Profile = "CHIMERA",
            Model = "gemma3:27b",
            Options = new Dictionary<string, object?> { ["temperature"] = 0.2, ["seed"] = 7 },
        });

        Assert.Equal("chimera", settings.Profile);
        Assert.Equal("gemma3:27b", settings.Model);
        Assert.Equal(SettingSource.Parameter, Source(settings, "ollama.model").Source);
        Assert.Equal("http://gpu-box:11434/", settings.OllamaUri.ToString());
        Assert.Equal(SettingSource.File, Source(settings, "ollama.uri").Source);
        Assert.Equal("num_gpu=80, num_ctx=512, temperature=0.2, top_p=0.9, seed=7", settings.ConfigurationText);
        Assert.Equal(SettingSource.Profile, Source(settings, "options.num_gpu").Source);
        Assert.StartsWith("profile chimera", Source(settings, "options.num_ctx").Detail);
        Assert.Equal(SettingSource.Parameter, Source(settings, "options.temperature").Source);
        Assert.Equal(SettingSource.File, Source(settings, "options.top_p").Source);
        Assert.Equal("sk-env-secret", settings.ApiKey);
        Assert.Equal(("(present)", SettingSource.Environment), (Source(settings, "ollama.apiKey").Value, Source(settings, "ollama.apiKey").Source));
        Assert.DoesNotContain(settings.Sources, source => source.Value.Contains("sk-env-secret"));
        Assert.DoesNotContain("sk-env-secret", settings.ToString());
    }

    [Fact]
    public void The_environment_beats_the_defaults_and_takes_ollama_host_in_its_bare_form()
    {
        environment["OLLAMA_HOST"] = "0.0.0.0:11500";

        var settings = Resolve();

        Assert.Equal("http://127.0.0.1:11500/", settings.OllamaUri.ToString());
        var uri = Source(settings, "ollama.uri");
        Assert.Equal((SettingSource.Environment, "OLLAMA_HOST"), (uri.Source, uri.Detail));
    }

    [Fact]
    public void A_profile_can_change_the_model_remove_an_option_and_add_a_list()
    {
        WriteFile(ContractFile);

        var settings = Resolve(new SettingsParameters { Profile = "tiny" });

        Assert.Equal("qwen2.5:0.5b", settings.Model);
        Assert.False(settings.Options.ContainsKey("top_p"));
        Assert.Equal(new[] { "###", "END" }, (string[])settings.Options["stop"]);
        Assert.Equal(["baseline", "chimera", "tiny"], settings.Profiles);
    }

    [Fact]
    public void The_built_in_chimera_profile_exists_without_a_file()
    {
        var settings = Resolve(new SettingsParameters { Profile = "chimera" });

        Assert.Equal("num_gpu=80, num_ctx=512, temperature=1", settings.ConfigurationText);
        Assert.Equal((80, 512, 1.0), (settings.RunSettings.NumGpu!.Value, settings.NumCtx!.Value, settings.RunSettings.Temperature!.Value));
    }

    [Fact]
    public void An_unknown_profile_names_the_known_ones()
    {
        WriteFile(ContractFile);

        var error = Assert.Throws<ConfigurationException>(() => Resolve(new SettingsParameters { Profile = "turbo" }));

        Assert.Contains("Unknown profile 'turbo'", error.Message);
        Assert.Contains("baseline, chimera, tiny", error.Message);
    }

    [Fact]
    public void Bad_yaml_names_the_file_line_and_column()
    {
        var path = WriteFile("ollama:\n  model: gemma3\n  uri: [unclosed\n");

        var error = Assert.Throws<ConfigurationException>(() => Resolve());

        Assert.Equal(path, error.Path);
        Assert.NotNull(error.Line);
        Assert.Contains(path, error.Message);
        Assert.Contains($"line {error.Line}, column {error.Column}", error.Message);
    }

    [Fact]
    public void A_wrongly_typed_value_names_the_setting_and_its_line()
    {
        WriteFile("ollama:\n  timeoutSeconds: soon\noptions:\n  num_ctx: 512\n");
        var error = Assert.Throws<ConfigurationException>(() => Resolve());
        Assert.Contains("'ollama.timeoutSeconds' must be a positive number", error.Message);
        Assert.Equal(2, error.Line);

        WriteFile("options:\n  num_gpu: lots\n");
        var option = Assert.Throws<ConfigurationException>(() => Resolve());
        Assert.Contains("Option 'num_gpu' must be a whole number; got 'lots'", option.Message);
        Assert.Equal(2, option.Line);
    }

    [Fact]
    public void Unknown_keys_are_warnings_with_their_line()
    {
        WriteFile("ollma:\n  model: x\noptions:\n  num_ctx: 1024\n");

        var settings = Resolve();

        Assert.Equal("num_ctx=1024", settings.ConfigurationText);
        Assert.Contains(settings.Warnings, warning => warning.Contains("Unknown setting 'ollma'") && warning.Contains("line 1"));
    }

    [Fact]
    public void The_configuration_path_parameter_beats_the_environment_variable_and_the_local_file()
    {
        WriteFile("ollama:\n  model: local-model\n");
        var fromEnvironment = WriteFile("ollama:\n  model: env-model\n", "env.yaml");
        var explicitFile = WriteFile("ollama:\n  model: explicit-model\n", "explicit.yaml");
        environment["CHIMERA_INSIGHT_CONFIG"] = fromEnvironment;

        Assert.Equal("explicit-model", Resolve(new SettingsParameters { ConfigurationPath = "explicit.yaml" }).Model);
        Assert.Equal("env-model", Resolve().Model);
        environment.Remove("CHIMERA_INSIGHT_CONFIG");
        Assert.Equal("local-model", Resolve().Model);
    }

    [Fact]
    public void A_missing_explicit_file_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Resolve(new SettingsParameters { ConfigurationPath = "nope.yaml" }));
        Assert.Contains("nope.yaml", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Bad_addresses_name_their_origin()
    {
        environment["OLLAMA_HOST"] = "ftp://x";
        Assert.Contains("OLLAMA_HOST", Assert.Throws<ConfigurationException>(() => Resolve()).Message);
        environment.Remove("OLLAMA_HOST");
        Assert.Contains("-OllamaUri", Assert.Throws<ConfigurationException>(() => Resolve(new SettingsParameters { OllamaUri = "http://" })).Message);
    }

    [Fact]
    public void The_parameter_api_key_beats_the_environment_and_feeds_the_requests()
    {
        environment["OLLAMA_API_KEY"] = "sk-env";
        var settings = Resolve(new SettingsParameters { ApiKey = "sk-param", OllamaUri = "https://proxy.example/ollama" });

        var request = settings.CreateGenerationRequest("prompt");
        Assert.Equal("sk-param", request.ApiKey);
        Assert.Equal("https://proxy.example/ollama/", request.Uri.ToString());
        Assert.Equal(settings.Persona, request.System);
        Assert.Equal(4096L, request.Options["num_ctx"]);
        var configuration = settings.ToConfiguration();
        Assert.True(configuration.ApiKeyPresent);
        Assert.Null(configuration.EndpointWarning);
        Assert.DoesNotContain(configuration.Sources, source => source.Value.Contains("sk-"));
    }

    [Fact]
    public void A_plain_http_remote_address_carries_a_warning()
    {
        var settings = Resolve(new SettingsParameters { OllamaUri = "http://10.1.2.3:11434" });

        Assert.Contains("plain http", settings.ToConfiguration().EndpointWarning);
    }
}
