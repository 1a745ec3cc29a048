# Every example of module/help/*.psd1 runs as written, in a sandbox: a folder holding the repo's own samples
# under the names the examples use (./reports, ./baseline, ./candidate, ./old, ./new, ...), a configuration
# file pointing at the Ollama-protocol test server, and the variables the examples take as given ($metrics,
# $m, $report, $before, $after; ./insight.md is that report's Markdown). An example passes when it ends without a
# terminating error and writes no error record (unless it collects them itself with -ErrorVariable, to show what
# they say). The substitutions: the remote host an example names (gpu-box:11434) is the test server; remoting to
# lab servers (Invoke-Command -ComputerName) runs the block here for each computer, its output serialized and
# tagged with PSComputerName as remoting does, and the servers' D:\reports is ./reports.
BeforeDiscovery {
    $helpFolder = Join-Path $PSScriptRoot '../../module/help'
    $examples = foreach ($file in Get-ChildItem $helpFolder -Filter '*.psd1' | Sort-Object Name) {
        $help = Import-PowerShellDataFile $file.FullName
        $number = 0
        foreach ($example in $help.Examples) {
            $number++
            @{ Command = $file.BaseName; Number = $number; Code = $example.Code }
        }
    }
}

BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
    . (Join-Path $PSScriptRoot 'OllamaTestServer.ps1')
    $server = Start-OllamaTestServer -ArgumentList '--token-rate', '5000', '--tokens', '20', '--preload', 'gemma3:latest'
    $samples = (Resolve-Path (Join-Path $PSScriptRoot '../../samples')).Path
    # Start-Job's 'Import-Module Chimera.Insight' finds the built module by name.
    $moduleFolder = Split-Path (Split-Path $env:CHIMERA_INSIGHT_MODULE -Parent) -Parent
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $moduleFolder + [IO.Path]::PathSeparator + $env:PSModulePath

    function New-HelpSandbox([string] $Name) {
        $root = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $root -Force | Out-Null
        Copy-Item $samples (Join-Path $root 'reports') -Recurse
        Copy-Item (Join-Path $samples 'sweeps/*.csv') (Join-Path $root 'reports')
        Copy-Item $samples (Join-Path $root 'samples') -Recurse
        Copy-Item (Join-Path $samples 'ollama') (Join-Path $root 'baseline') -Recurse
        Copy-Item (Join-Path $samples 'sweeps') (Join-Path $root 'candidate') -Recurse
        Copy-Item (Join-Path $samples 'agents') (Join-Path $root 'old') -Recurse
        Get-ChildItem (Join-Path $samples 'reports') -Filter '*.md' | Copy-Item -Destination (Join-Path $root 'old')
        Copy-Item (Join-Path $samples 'ollama') (Join-Path $root 'new') -Recurse
        Copy-Item (Join-Path $samples 'sweeps') (Join-Path $root 'runs') -Recurse
        New-Item -ItemType Directory -Path (Join-Path $root 'ollama'), (Join-Path $root 'lab') -Force | Out-Null
        Copy-Item (Join-Path $samples 'ollama/responses_1759098967.jsonl') (Join-Path $root 'ollama/generate.log')
        Copy-Item (Join-Path $samples 'ollama') (Join-Path $root 'lab/bench-2025-11') -Recurse
        Copy-Item (Join-Path $samples 'sweeps') (Join-Path $root 'reports/lab01') -Recurse
        Copy-Item (Join-Path $samples 'ollama') (Join-Path $root 'reports/lab02') -Recurse
        if ($insightMarkdown) { Set-Content (Join-Path $root 'insight.md') $insightMarkdown }
        $yaml = @"
ollama:
  uri: $($server.Uri)
  model: gemma3:latest
  timeoutSeconds: 60
options:
  num_ctx: 4096
profiles:
  baseline: {}
  chimera:
    options: { num_gpu: 80, num_ctx: 512, temperature: 1 }
"@
        Set-Content (Join-Path $root 'chimera-insight.yaml') $yaml
        Set-Content (Join-Path $root 'lab.yaml') $yaml
        return $root
    }

    # The variables the examples take as given, measured once.
    $given = & {
        Push-Location (New-HelpSandbox 'given')
        try {
            $metrics = Get-BenchmarkInventory ./reports | Measure-BenchmarkMetrics -WarningAction SilentlyContinue
            @{
                metrics = $metrics
                report  = $metrics | New-InsightReport -WarningAction SilentlyContinue
                before  = Measure-BenchmarkMetrics -Path ./baseline -WarningAction SilentlyContinue
                after   = Measure-BenchmarkMetrics -Path ./new -WarningAction SilentlyContinue
            }
        }
        finally {
            Pop-Location
        }
    }
    $insightMarkdown = $given.report.Markdown
}

AfterAll {
    $env:PSModulePath = $savedModulePath
    if ($server) { Stop-OllamaTestServer $server }
}

Describe 'Help example <Command> <Number>' -ForEach $examples {
    It 'runs as written: <Code>' {
        $sandbox = New-HelpSandbox "$Command-$Number"
        $hostPort = ([uri] $server.Uri).Authority
        $code = $Code -replace 'gpu-box:11434', $hostPort -replace 'D:\\reports', './reports'
        $run = {
            param($Sandbox, $Code, $Given)
            Set-Location $Sandbox
            $ErrorActionPreference = 'Continue'
            $ProgressPreference = 'SilentlyContinue'
            $metrics = $Given.metrics
            $m = $Given.metrics
            $report = $Given.report
            $before = $Given.before
            $after = $Given.after
            function Invoke-Command([string[]] $ComputerName, [int] $ThrottleLimit, [Parameter(Position = 0)][scriptblock] $ScriptBlock) {
                foreach ($computer in $ComputerName) {
                    foreach ($item in & $ScriptBlock) {
                        $remote = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($item, 1))
                        $remote.PSObject.Properties.Add([psnoteproperty]::new('PSComputerName', $computer))
                        $remote
                    }
                }
            }
            $Error.Clear()
            $output = & ([scriptblock]::Create($Code)) 2>$null 3>$null | Out-String -Width 200
            [pscustomobject]@{ Errors = @($Error | ForEach-Object { "$_" }); Output = $output }
        }

        $previous = Get-Location
        try {
            $result = & $run $sandbox $code $given
        }
        finally {
            Set-Location $previous
        }

        if ($Code -notmatch '-ErrorVariable') {
            $result.Errors | Should -BeNullOrEmpty
        }
    }
}
