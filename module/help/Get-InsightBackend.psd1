@{
    Synopsis    = 'Checks the Ollama server: reachable, version, installed models, loaded models with their GPU placement and context.'
    Description = @'
Get-InsightBackend is the preflight of a benchmark or report run. It asks the Ollama server for its version (/api/version), its installed models (/api/tags: name, size, family, parameter size, quantization) and the models loaded in memory (/api/ps: GPU share computed from size and size_vram, context length actually allocated), and says whether the model to be used is installed.

The server and the model come from -OllamaUri and -Model, else the configuration file (chimera-insight.yaml, see Get-InsightConfiguration), else $env:OLLAMA_HOST (also in its bare host:port form), else http://localhost:11434 and gemma3:latest. A proxy key comes from -ApiKey or $env:OLLAMA_API_KEY; it is sent as a bearer header and never shown.

When the server cannot be reached the command still emits the InsightBackend object (Reachable = $false, Error = the reason) and writes a non-terminating error, so $? is $false and -ErrorAction Stop ends a scheduled task. A model that is not installed is a non-terminating error too; a model loaded partly or wholly on the CPU gives a warning. Plain http to another machine gives a warning, since the benchmark data would travel unencrypted.
'@
    Parameters  = @{
        OllamaUri         = 'The Ollama address: http://host:port, https://proxy/path, host:port or host (port 11434). 0.0.0.0 means this machine. Overrides the configuration file and OLLAMA_HOST.'
        Model             = 'The model whose presence and placement to report. Tab completion lists the server''s installed models. Overrides the configuration file.'
        ConfigurationPath = 'The configuration file to read instead of $env:CHIMERA_INSIGHT_CONFIG or ./chimera-insight.yaml.'
        Profile           = 'A profile of the configuration file whose settings (model, address) apply on top of the file''s.'
        TimeoutSec        = 'How long each request to the server may take, in seconds (default 5): a preflight must answer quickly even when the server is down.'
        ApiKey            = 'A key for a reverse proxy in front of Ollama, sent as "Authorization: Bearer ...". Overrides $env:OLLAMA_API_KEY. Never shown or logged.'
    }
    Examples    = @(
        @{
            Code    = 'Get-InsightBackend'
            Remarks = 'Checks the configured server and model, and shows the loaded models with their GPU placement.'
        }
        @{
            Code    = 'Get-InsightBackend -OllamaUri gpu-box:11434 -Model llama3.2:3b -ErrorAction Stop'
            Remarks = 'A scheduled task''s preflight: stops with an error when the server is down or the model is missing.'
        }
        @{
            Code    = '(Get-InsightBackend).LoadedModels | Where-Object GpuOffloadPercent -lt 100'
            Remarks = 'Lists the loaded models that run partly or wholly on the CPU.'
        }
    )
    Notes       = 'Only /api/version, /api/tags and /api/ps are queried: nothing is loaded or generated.'
}
