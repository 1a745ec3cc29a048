using System.Collections;
using System.Management.Automation;
using System.Security;

namespace Chimera.Insight.Commands;

/// <summary>Shows the effective settings (configuration file + profile + parameters + environment + defaults) and where each came from.</summary>
[Cmdlet(VerbsCommon.Get, "InsightConfiguration")]
[OutputType("Chimera.Insight.InsightConfiguration")]
public sealed class GetInsightConfigurationCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    [Alias("Path")]
    public string? ConfigurationPath { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    [Parameter]
    public string? OllamaUri { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    [Parameter]
    [ValidateRange(0.001, double.MaxValue)]
    public double TimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(0.001, double.MaxValue)]
    public double IdleTimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxRetries { get; set; }

    [Parameter]
    public string? KeepAlive { get; set; }

    [Parameter]
    [Alias("Option")]
    public Hashtable? Options { get; set; }

    [Parameter]
    public string? Persona { get; set; }

    [Parameter]
    public SecureString? ApiKey { get; set; }

    protected override void EndProcessing()
    {
        var parameters = OllamaSettingsBinding.Create(this, ConfigurationPath);
        parameters.Profile = Profile;
        parameters.OllamaUri = OllamaUri;
        parameters.Model = Model;
        parameters.TimeoutSeconds = Bound(nameof(TimeoutSec)) ? TimeoutSec : null;
        parameters.IdleTimeoutSeconds = Bound(nameof(IdleTimeoutSec)) ? IdleTimeoutSec : null;
        parameters.MaxRetries = Bound(nameof(MaxRetries)) ? MaxRetries : null;
        parameters.KeepAlive = KeepAlive;
        parameters.Persona = Persona;
        parameters.Options = OllamaSettingsBinding.ToOptions(Options);
        parameters.ApiKey = OllamaSettingsBinding.ToPlainText(ApiKey);

        var settings = OllamaSettingsBinding.Resolve(this, parameters);
        foreach (var warning in settings.Warnings)
        {
            WriteWarning(warning);
        }

        if (settings.EndpointWarning is { } endpointWarning)
        {
            WriteWarning(endpointWarning);
        }

        WriteObject(settings.ToConfiguration());
    }

    private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
}
