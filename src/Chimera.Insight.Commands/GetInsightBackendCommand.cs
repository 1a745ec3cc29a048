using System.Globalization;
using System.Management.Automation;
using System.Security;
using Chimera.Insight.Ollama;

namespace Chimera.Insight.Commands;

/// <summary>
/// A preflight of the Ollama server: reachable, version, installed models, loaded models with their GPU
/// placement and context, whether the configured model is installed. Unreachable: the object is still
/// emitted (Reachable = false, Error = the reason) and a non-terminating error sets $? to false.
/// </summary>
[Cmdlet(VerbsCommon.Get, "InsightBackend")]
[OutputType("Chimera.Insight.InsightBackend")]
public sealed class GetInsightBackendCommand : PSCmdlet
{
    private readonly CancellationTokenSource stopping = new();

    [Parameter(Position = 0)]
    public string? OllamaUri { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    [Parameter]
    public string? ConfigurationPath { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double TimeoutSec { get; set; } = 5;

    [Parameter]
    public SecureString? ApiKey { get; set; }

    protected override void EndProcessing()
    {
        var parameters = OllamaSettingsBinding.Create(this, ConfigurationPath);
        parameters.OllamaUri = OllamaUri;
        parameters.Model = Model;
        parameters.Profile = Profile;
        parameters.ApiKey = OllamaSettingsBinding.ToPlainText(ApiKey);
        var settings = OllamaSettingsBinding.Resolve(this, parameters);

        InsightBackend backend;
        try
        {
            using var gateway = new OllamaGateway();
            backend = gateway.GetStatusAsync(settings.CreateBackendQuery(TimeSpan.FromSeconds(TimeoutSec)), stopping.Token)
                .GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        if (backend.EndpointWarning is { } warning)
        {
            WriteWarning(warning);
        }

        WriteObject(backend);
        if (!backend.Reachable)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(backend.Error), "OllamaUnreachable", ErrorCategory.ConnectionError, backend.Uri));
            return;
        }

        if (backend.Error is { } problem)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(problem), "OllamaQueryFailed", ErrorCategory.ProtocolError, backend.Uri));
        }

        if (backend.ModelPresent == false)
        {
            var message = string.Format(CultureInfo.InvariantCulture, BackendMessages.ModelMissing, backend.Model, backend.Uri);
            WriteError(new ErrorRecord(new ItemNotFoundException(message), "OllamaModelNotFound", ErrorCategory.ObjectNotFound, backend.Model));
        }

        var loaded = backend.LoadedModels.FirstOrDefault(m => backend.Model is not null && OllamaGateway.SameModel(m.Name, backend.Model));
        if (loaded is not null && loaded.GpuOffloadPercent < 100)
        {
            WriteWarning(string.Format(CultureInfo.InvariantCulture, BackendMessages.NotFullyOnGpu, loaded.Name, loaded.Placement));
        }
    }

    protected override void StopProcessing() => stopping.Cancel();
}

/// <summary>The messages of Get-InsightBackend.</summary>
internal static class BackendMessages
{
    public const string ModelMissing = "Model '{0}' is not installed on the Ollama server at {1}. Pull it first: ollama pull {0}";
    public const string NotFullyOnGpu = "Model '{0}' is loaded {1}: a model not wholly on the GPU generates far more slowly, and benchmarks of it are not comparable with GPU runs.";
}
