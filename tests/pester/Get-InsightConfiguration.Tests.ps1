# Get-InsightConfiguration: file, profile, parameters, environment, defaults and where each value came from.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
    $saved = @{}
    foreach ($name in 'OLLAMA_HOST', 'OLLAMA_API_KEY', 'CHIMERA_INSIGHT_CONFIG') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }

    $labFile = Join-Path $TestDrive 'lab.yaml'
    @'
ollama:
  uri: http://127.0.0.1:11500
  model: llama3.2:3b
  timeoutSeconds: 300
  idleTimeoutSeconds: 20
options:
  num_ctx: 2048
  top_p: 0.9
profiles:
  baseline: {}
  chimera:
    options: { num_gpu: 80, num_ctx: 512, temperature: 1 }
  small:
    ollama: { model: qwen2.5:0.5b }
persona: |
  You are a careful lab analyst.
'@ | Set-Content -Path $labFile

    function Get-Source($configuration, $setting) { $configuration.Sources | Where-Object Setting -eq $setting }
}

AfterAll {
    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
}

Describe 'Get-InsightConfiguration' {
    BeforeEach {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid())) -Force
        Push-Location $folder
    }

    AfterEach {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
    }

    It 'gives the defaults in a folder without a configuration file' {
        $configuration = Get-InsightConfiguration

        $configuration.PSTypeNames[0] | Should -Be 'Chimera.Insight.InsightConfiguration'
        $configuration.Model | Should -Be 'gemma3:latest'
        $configuration.OllamaUri | Should -Be 'http://localhost:11434'
        $configuration.TimeoutSeconds | Should -Be 600
        $configuration.IdleTimeoutSeconds | Should -Be 60
        $configuration.Configuration | Should -Be 'num_ctx=4096'
        $configuration.Persona | Should -Match '^You are InsightAgent'
        $configuration.ConfigurationPath | Should -BeNullOrEmpty
        (Get-Source $configuration 'ollama.model').Source | Should -Be 'Default'
    }

    It 'reads the file given by -ConfigurationPath and tells the line of each value' {
        $configuration = Get-InsightConfiguration -ConfigurationPath $labFile

        $configuration.Model | Should -Be 'llama3.2:3b'
        $configuration.OllamaUri | Should -Be 'http://127.0.0.1:11500'
        $configuration.Configuration | Should -Be 'num_ctx=2048, top_p=0.9'
        $configuration.NumCtx | Should -Be 2048
        $configuration.Persona | Should -Be 'You are a careful lab analyst.'
        $configuration.ConfigurationPath | Should -Be $labFile
        $model = Get-Source $configuration 'ollama.model'
        $model.Source | Should -Be 'File'
        $model.Detail | Should -Be "$($labFile):3"
        $configuration.Profiles | Should -Be @('baseline', 'chimera', 'small')
    }

    It 'finds chimera-insight.yaml in the current folder, and $env:CHIMERA_INSIGHT_CONFIG before it' {
        Copy-Item $labFile (Join-Path $PWD 'chimera-insight.yaml')
        (Get-InsightConfiguration).Model | Should -Be 'llama3.2:3b'

        $other = Join-Path $TestDrive 'other.yaml'
        "ollama:`n  model: phi3:mini`n" | Set-Content $other
        $env:CHIMERA_INSIGHT_CONFIG = $other
        (Get-InsightConfiguration).Model | Should -Be 'phi3:mini'
    }

    It 'parameters beat the profile, the profile beats the file, the file beats the environment' {
        $env:OLLAMA_HOST = '127.0.0.1:9999'
        $configuration = Get-InsightConfiguration -ConfigurationPath $labFile -Profile chimera -Model gemma3:27b -Option @{ temperature = 0.2; seed = 7 }

        $configuration.Profile | Should -Be 'chimera'
        $configuration.Model | Should -Be 'gemma3:27b'
        $configuration.Configuration | Should -Be 'num_gpu=80, num_ctx=512, temperature=0.2, top_p=0.9, seed=7'
        (Get-Source $configuration 'ollama.model').Source | Should -Be 'Parameter'
        (Get-Source $configuration 'options.num_gpu').Source | Should -Be 'Profile'
        (Get-Source $configuration 'options.temperature').Source | Should -Be 'Parameter'
        (Get-Source $configuration 'options.top_p').Source | Should -Be 'File'
        (Get-Source $configuration 'ollama.uri').Source | Should -Be 'File'
    }

    It 'the environment beats the defaults: OLLAMA_HOST in its bare form, 0.0.0.0 meaning this machine' {
        $env:OLLAMA_HOST = '0.0.0.0:11434'
        $configuration = Get-InsightConfiguration
        $configuration.OllamaUri | Should -Be 'http://127.0.0.1:11434'
        (Get-Source $configuration 'ollama.uri').Detail | Should -Be 'OLLAMA_HOST'
    }

    It 'shows the API key only as present, wherever it came from' {
        $env:OLLAMA_API_KEY = 'sk-env-secret-42'
        $configuration = Get-InsightConfiguration
        $configuration.ApiKeyPresent | Should -BeTrue
        (Get-Source $configuration 'ollama.apiKey').Value | Should -Be '(present)'
        ($configuration | Format-List * | Out-String) | Should -Not -Match 'sk-env-secret'
        ($configuration.Sources | Out-String) | Should -Not -Match 'sk-env-secret'
        [Management.Automation.PSSerializer]::Serialize($configuration, 3) | Should -Not -Match 'sk-env-secret'

        $env:OLLAMA_API_KEY = $null
        $secure = ConvertTo-SecureString 'sk-param-secret' -AsPlainText -Force
        $fromParameter = Get-InsightConfiguration -ApiKey $secure
        (Get-Source $fromParameter 'ollama.apiKey').Source | Should -Be 'Parameter'
        ($fromParameter | Format-List * | Out-String) | Should -Not -Match 'sk-param-secret'
    }

    It 'bad YAML ends the command with an error naming the file, line and column' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        "ollama:`n  model: gemma3`n  uri: [unclosed`n" | Set-Content $bad
        $thrown = { Get-InsightConfiguration -ConfigurationPath $bad } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -Match ([regex]::Escape($bad))
        $thrown.Exception.Message | Should -Match 'line \d+, column \d+'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidInsightConfiguration,*'
    }

    It 'an unknown profile is an error naming the known ones' {
        { Get-InsightConfiguration -ConfigurationPath $labFile -Profile turbo } | Should -Throw "*Unknown profile 'turbo'. Known profiles: baseline, chimera, small*"
    }

    It 'a missing file is an error' {
        { Get-InsightConfiguration -ConfigurationPath ./nope.yaml } | Should -Throw '*nope.yaml*does not exist*'
    }

    It 'unknown keys are warnings with their line' {
        $typo = Join-Path $TestDrive 'typo.yaml'
        "ollma:`n  model: x`n" | Set-Content $typo
        Get-InsightConfiguration -ConfigurationPath $typo -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        "$warnings" | Should -Match "Unknown setting 'ollma'.*line 1"
    }

    It 'warns about plain http to another machine without contacting it' {
        $configuration = Get-InsightConfiguration -OllamaUri http://10.20.30.40:11434 -WarningVariable warnings -WarningAction SilentlyContinue
        $configuration.EndpointWarning | Should -Match 'plain http'
        "$warnings" | Should -Match 'unencrypted'
    }

    It 'formats as a table and a list, live and deserialized' {
        $configuration = Get-InsightConfiguration -ConfigurationPath $labFile -Profile chimera
        ($configuration | Out-String -Width 400) | Should -Match 'num_gpu=80, num_ctx=512, temperature=1'
        ($configuration | Format-List | Out-String) | Should -Match 'Profiles\s+: baseline, chimera, small'
        ($configuration.Sources | Out-String -Width 400) | Should -Match 'options.num_gpu\s+Profile\s+80'
        ($configuration.Sources | Out-String -Width 80) | Should -Match 'options.num_gpu\s+Profile\s+80'
        $copy = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($configuration, 3))
        $copy.PSTypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.InsightConfiguration'
        ($copy | Out-String -Width 400) | Should -Match 'num_gpu=80'
        ($copy.Sources | Out-String) | Should -Match 'Profile'
    }

    It 'reads YAML in a fresh pwsh where an older YamlDotNet was loaded first' {
        $script = Join-Path $TestDrive 'isolation.ps1'
        @'
$ErrorActionPreference = 'Stop'
Add-Type -Path $env:CHIMERA_OLD_YAMLDOTNET
Import-Module $env:CHIMERA_INSIGHT_MODULE
$configuration = Get-InsightConfiguration -ConfigurationPath $args[0] -Profile chimera
[pscustomobject]@{
    OldYaml       = [YamlDotNet.Serialization.Deserializer].Assembly.Location
    Model         = $configuration.Model
    Configuration = $configuration.Configuration
    Persona       = $configuration.Persona
} | ConvertTo-Json -Compress
'@ | Set-Content $script
        $process = [Environment]::ProcessPath
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @($process, (Join-Path $PSHOME 'pwsh.dll')) } else { @($process) }
        $prefix = @($pwsh | Select-Object -Skip 1)

        $output = & $pwsh[0] @prefix -NoProfile -NonInteractive -File $script $labFile 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.OldYaml | Should -Be (Resolve-Path $env:CHIMERA_OLD_YAMLDOTNET).ProviderPath
        $result.Model | Should -Be 'llama3.2:3b'
        $result.Configuration | Should -Be 'num_gpu=80, num_ctx=512, temperature=1, top_p=0.9'
        $result.Persona | Should -Be 'You are a careful lab analyst.'
    }

    It 'has help with an example' {
        (Get-Help Get-InsightConfiguration).Examples.Example.Count | Should -BeGreaterThan 1
    }
}
