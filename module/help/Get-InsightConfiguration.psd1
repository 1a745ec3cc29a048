@{
    Synopsis    = 'Shows the effective settings (configuration file, profile, parameters, environment, defaults) and where each came from.'
    Description = @'
Get-InsightConfiguration resolves the settings the Ollama cmdlets use and shows them with their provenance. The configuration file is -ConfigurationPath, else $env:CHIMERA_INSIGHT_CONFIG, else chimera-insight.yaml in the current folder when there is one:

    ollama:
      uri: http://localhost:11434
      model: gemma3:latest
      timeoutSeconds: 600        # whole call
      idleTimeoutSeconds: 60     # longest silence between chunks
      maxRetries: 3              # 503 busy or refused connection, before any text
      keepAlive: 5m
    options:                     # Ollama options for every call, snake_case
      num_ctx: 4096
    profiles:                    # -Profile NAME adds to or overrides the above
      baseline: {}
      chimera:
        options: { num_gpu: 80, num_ctx: 512, temperature: 1 }
    persona: |
      You are InsightAgent, ...

Precedence, strongest first: parameters, the selected profile, the file, the environment (OLLAMA_HOST, OLLAMA_API_KEY), the defaults. An option set to null in a profile or in -Options removes it. The Sources property lists every setting with its value, its source (Parameter, Profile, File, Environment, Default) and the detail (parameter, variable, file and line). The API key is shown only as present or absent.

A file that is not valid YAML, a wrongly typed value or an unknown profile ends the command with an error naming the file, line and column or the known profiles. Unknown keys in the file give warnings.
'@
    Parameters  = @{
        ConfigurationPath = 'The configuration file to read instead of $env:CHIMERA_INSIGHT_CONFIG or ./chimera-insight.yaml. It must exist.'
        Profile           = 'The profile whose settings apply on top of the file''s. Built in: baseline (nothing changed) and chimera (num_gpu 80, num_ctx 512, temperature 1); a file''s profile of the same name replaces it.'
        OllamaUri         = 'The Ollama address (http://host:port, https://proxy/path, host:port or host); overrides the file and OLLAMA_HOST.'
        Model             = 'The model; overrides the file and the profile. Tab completion lists the server''s installed models.'
        TimeoutSec        = 'The limit of a whole generation call, in seconds; overrides ollama.timeoutSeconds.'
        IdleTimeoutSec    = 'The longest silence allowed between two chunks of an answer, in seconds; overrides ollama.idleTimeoutSeconds.'
        MaxRetries        = 'How many times a busy (503) or refused server is retried before any text arrived; overrides ollama.maxRetries.'
        KeepAlive         = 'How long Ollama keeps the model loaded after a call (5m, 1h, 0 to unload; a bare number is seconds); overrides ollama.keepAlive.'
        Options           = 'Ollama options (alias -Option) that add to or override the file''s and the profile''s, e.g. @{ num_ctx = 8192; temperature = 0.2 }. $null removes one.'
        Persona           = 'The system prompt; overrides the file''s persona.'
        ApiKey            = 'A key for a reverse proxy in front of Ollama (SecureString); overrides $env:OLLAMA_API_KEY. Shown only as present or absent.'
    }
    Examples    = @(
        @{
            Code    = 'Get-InsightConfiguration'
            Remarks = 'Shows the settings the next report would use.'
        }
        @{
            Code    = '(Get-InsightConfiguration -Profile chimera -Model llama3.2:3b).Sources'
            Remarks = 'Lists every setting with its value and where it came from.'
        }
        @{
            Code    = 'Get-InsightConfiguration -ConfigurationPath ./lab.yaml -Options @{ num_ctx = 8192 } | Format-List'
            Remarks = 'Reads another file and overrides one option.'
        }
    )
}
