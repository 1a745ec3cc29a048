# Get-InsightBackend against the Ollama-protocol test server process, and against a port nothing listens on.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
    . (Join-Path $PSScriptRoot 'OllamaTestServer.ps1')
    $server = Start-OllamaTestServer -ArgumentList '--preload', 'gemma3:latest,llama3.2:3b,qwen2.5:0.5b', '--version', '0.12.6'
    $savedHost = $env:OLLAMA_HOST
    $savedKey = $env:OLLAMA_API_KEY
    $savedConfig = $env:CHIMERA_INSIGHT_CONFIG
    $env:OLLAMA_API_KEY = $null
    $env:CHIMERA_INSIGHT_CONFIG = $null
    Push-Location $TestDrive
}

AfterAll {
    Pop-Location
    if ($server) { Stop-OllamaTestServer $server }
    $env:OLLAMA_HOST = $savedHost
    $env:OLLAMA_API_KEY = $savedKey
    $env:CHIMERA_INSIGHT_CONFIG = $savedConfig
}

Describe 'Get-InsightBackend' {
    It 'reports the version, the installed models and the loaded ones with their GPU placement and context' {
        $backend = Get-InsightBackend -OllamaUri $server.Uri -Model gemma3 -WarningAction SilentlyContinue

        $backend.PSTypeNames[0] | Should -Be 'Chimera.Insight.InsightBackend'
        $backend.Reachable | Should -BeTrue
        $backend.Version | Should -Be '0.12.6'
        $backend.Uri | Should -Be $server.Uri.TrimEnd('/')
        $backend.ModelPresent | Should -BeTrue
        $backend.Error | Should -BeNullOrEmpty
        @($backend.Models).Count | Should -Be 3
        $gemma = $backend.Models | Where-Object Name -eq 'gemma3:latest'
        $gemma.QuantizationLevel | Should -Be 'Q4_K_M'
        $gemma.ParameterSize | Should -Be '4.3B'
        $gemma.Family | Should -Be 'gemma3'
        $placements = @{}
        $backend.LoadedModels | ForEach-Object { $placements[$_.Name] = $_ }
        $placements['gemma3:latest'].GpuOffloadPercent | Should -Be 100
        $placements['gemma3:latest'].ContextLength | Should -Be 4096
        $placements['llama3.2:3b'].GpuOffloadPercent | Should -Be 60
        $placements['llama3.2:3b'].Placement | Should -Be '60% GPU / 40% CPU'
        $placements['qwen2.5:0.5b'].Placement | Should -Be 'CPU'
    }

    It 'reads OLLAMA_HOST in its bare host:port form' {
        $env:OLLAMA_HOST = "127.0.0.1:$($server.Port)"
        try {
            $backend = Get-InsightBackend -Model gemma3:latest
            $backend.Reachable | Should -BeTrue
            $backend.Uri | Should -Be "http://127.0.0.1:$($server.Port)"
        }
        finally { $env:OLLAMA_HOST = $savedHost }
    }

    It 'takes the model and the address from the configuration file' {
        $path = Join-Path $TestDrive 'backend.yaml'
        "ollama:`n  uri: $($server.Uri)`n  model: llama3.2:3b`n" | Set-Content $path
        $backend = Get-InsightBackend -ConfigurationPath $path -WarningAction SilentlyContinue
        $backend.Model | Should -Be 'llama3.2:3b'
        $backend.Reachable | Should -BeTrue
    }

    It 'warns when the model runs partly on the CPU' {
        Get-InsightBackend -OllamaUri $server.Uri -Model llama3.2:3b -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        "$warnings" | Should -Match "llama3.2:3b' is loaded 60% GPU / 40% CPU"
    }

    It 'a missing model is a non-terminating error that says how to pull it' {
        $backend = Get-InsightBackend -OllamaUri $server.Uri -Model mistral:7b -ErrorVariable problems -ErrorAction SilentlyContinue
        $backend.Reachable | Should -BeTrue
        $backend.ModelPresent | Should -BeFalse
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'OllamaModelNotFound,*'
        $problems[0].Exception.Message | Should -Match 'ollama pull mistral:7b'
    }

    It 'offline: still emits the object, with the reason, and a non-terminating error so $? is false' {
        $port = Get-UnusedLoopbackPort
        $backend = Get-InsightBackend -OllamaUri "http://127.0.0.1:$port" -TimeoutSec 2 -ErrorVariable problems -ErrorAction SilentlyContinue
        $succeeded = $?

        $succeeded | Should -BeFalse
        $backend.Reachable | Should -BeFalse
        $backend.Error | Should -Match "Cannot reach Ollama at http://127.0.0.1:$port"
        $backend.Models | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'OllamaUnreachable,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        { Get-InsightBackend -OllamaUri "127.0.0.1:$port" -TimeoutSec 2 -ErrorAction Stop } | Should -Throw '*Cannot reach Ollama*'
    }

    It 'sends the API key as a bearer header and never shows it' {
        $proxy = Start-OllamaTestServer -ArgumentList '--require-key', 'sk-pester-0123'
        try {
            $key = ConvertTo-SecureString 'sk-pester-0123' -AsPlainText -Force
            $backend = Get-InsightBackend -OllamaUri $proxy.Uri -Model gemma3 -ApiKey $key
            $backend.Reachable | Should -BeTrue
            (Get-OllamaTestServerLog $proxy | Select-Object -First 1).headers.Authorization | Should -Be 'Bearer sk-pester-0123'
            ($backend | Format-List * | Out-String) | Should -Not -Match 'sk-pester'

            $wrong = ConvertTo-SecureString 'sk-wrong' -AsPlainText -Force
            $refused = Get-InsightBackend -OllamaUri $proxy.Uri -ApiKey $wrong -ErrorVariable problems -ErrorAction SilentlyContinue
            $refused.Reachable | Should -BeFalse
            $refused.Error | Should -Match '401'
            "$problems" | Should -Not -Match 'sk-wrong'
        }
        finally { Stop-OllamaTestServer $proxy }
    }

    It 'formats as a table, live and deserialized' {
        $backend = Get-InsightBackend -OllamaUri $server.Uri -Model gemma3
        $text = $backend | Out-String -Width 400
        $text | Should -Match 'Reachable'
        $text | Should -Match 'llama3.2:3b \(60% GPU / 40% CPU, ctx 4096\)'
        $copy = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($backend, 3))
        $copy.PSTypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.InsightBackend'
        ($copy | Out-String -Width 400) | Should -Match '60% GPU / 40% CPU'
        ($backend.LoadedModels | Out-String) | Should -Match 'GpuOffload%'
        ($backend.Models | Out-String) | Should -Match 'Quantization'
    }

    It 'completes -Model from the server''s installed models, and silently offers nothing when it is down' {
        $line = "Get-InsightBackend -OllamaUri $($server.Uri) -Model ll"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        @($completions.CompletionText) | Should -Be @('llama3.2:3b')

        $down = "Get-InsightBackend -OllamaUri 127.0.0.1:$(Get-UnusedLoopbackPort) -Model "
        @((TabExpansion2 -inputScript $down -cursorColumn $down.Length).CompletionMatches |
            Where-Object ResultType -eq 'ParameterValue') | Should -BeNullOrEmpty
    }

    It 'has help with an example' {
        (Get-Help Get-InsightBackend).Examples.Example.Count | Should -BeGreaterThan 1
    }
}
