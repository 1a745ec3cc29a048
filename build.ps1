#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, runs and benchmarks the Chimera.Insight module.
.DESCRIPTION
    Run after 'dotnet tool restore' as 'dotnet pwsh ./build.ps1 <Task>'.
      Build  lays the module out in out/Chimera.Insight/ (manifest, formats, help, DLLs, dependencies/).
      Test   builds, runs the xUnit engine tests, then the Pester cmdlet tests in a fresh pwsh process.
      Run    builds, then runs the main pipeline on samples/ and prints the report.
      Bench  builds, then runs the performance benchmark (out/bench/).
      Render builds, then renders the HTML report of -RenderPath (default samples/) to PNG in headless
             Chromium (out/render/); installs Debian's chromium package when it is missing.
      Eval   runs the grounding evaluation (tools/eval/, results in out/eval/grounding.json).
      Clean  removes out/ and every bin/ and obj/ folder.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Run', 'Bench', 'Render', 'Eval', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: the corpus sizes to generate and measure.
    [int[]] $BenchFileCount = @(1000, 10000, 100000),

    # Render only: the corpus whose report is rendered.
    [string] $RenderPath = (Join-Path $PSScriptRoot 'samples')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Chimera.Insight'
$Staging = Join-Path $Out 'staging'
$TestServerOut = Join-Path $Out 'OllamaTestServer'

# The assemblies PowerShell itself provides: never shipped in dependencies/.
$HostProvided = @('System.Management.Automation.dll', 'Chimera.Insight.Commands.dll')

function Invoke-Native {
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments)
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

. (Join-Path $PSScriptRoot 'tools/FreshPwsh.ps1')

function Invoke-FreshPwsh {
    param([Parameter(Mandatory)][string[]] $Arguments)
    $pwsh = Get-FreshPwsh
    $exe = $pwsh[0]
    $prefix = @($pwsh | Select-Object -Skip 1)
    & $exe @prefix -NoProfile -NonInteractive @Arguments | Out-Host
    return $LASTEXITCODE
}

function Get-NuGetPackageFolder {
    $line = & dotnet nuget locals global-packages --list
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Restore-TestDependencies {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/BuildDependencies/BuildDependencies.csproj'), '--verbosity', 'quiet')
    $packages = Get-NuGetPackageFolder
    return [pscustomobject]@{
        Pester         = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
        OldYamlDotNet  = Join-Path $packages 'yamldotnet/13.7.1/lib/netstandard2.0/YamlDotNet.dll'
    }
}

function Invoke-Build {
    Write-Host "Building Chimera.Insight ($Configuration)" -ForegroundColor Cyan
    Invoke-Native dotnet @('build', (Join-Path $Root 'Chimera.Insight.sln'), '-c', $Configuration, '--nologo', '--verbosity', 'quiet')
    if (Test-Path $Staging) { Remove-Item $Staging -Recurse -Force }
    # ReadyToRun: the shipped assemblies carry code compiled ahead of time for this machine's platform (the IL stays
    # beside it, so the module still runs anywhere); a fresh process then starts without waiting for the JIT. Once
    # per .NET the engine targets: a runtime uses only ReadyToRun code compiled for it (.NET 10 ignores .NET 8's), so
    # dependencies/net8.0 (PowerShell 7.4, 7.5) and dependencies/net10.0 (7.6) each carry their own.
    $runtime = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/Chimera.Insight.Commands/Chimera.Insight.Commands.csproj'),
        '-c', $Configuration, '-o', (Join-Path $Staging 'net8.0'), '-r', $runtime, '--self-contained', 'false', '-p:PublishReadyToRun=true',
        '--nologo', '--verbosity', 'quiet')
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/Chimera.Insight/Chimera.Insight.csproj'), '-f', 'net10.0',
        '-c', $Configuration, '-o', (Join-Path $Staging 'net10.0'), '-r', $runtime, '--self-contained', 'false', '-p:PublishReadyToRun=true',
        '--nologo', '--verbosity', 'quiet')
    Invoke-Native dotnet @('publish', (Join-Path $Root 'tests/OllamaTestServer/OllamaTestServer.csproj'),
        '-c', $Configuration, '-o', $TestServerOut, '--no-build', '--nologo', '--verbosity', 'quiet')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut -Force | Out-Null
    Copy-Item (Join-Path $Staging 'net8.0/Chimera.Insight.Commands.dll') $ModuleOut
    foreach ($framework in 'net8.0', 'net10.0') {
        $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut "dependencies/$framework") -Force
        Get-ChildItem (Join-Path $Staging $framework) -Filter *.dll |
            Where-Object Name -notin $HostProvided |
            Copy-Item -Destination $dependencies
    }
    Copy-Item (Join-Path $Root 'module/*') $ModuleOut -Recurse -Exclude 'help'

    $exit = Invoke-FreshPwsh @('-File', (Join-Path $Root 'tools/New-MamlHelp.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'Chimera.Insight.psd1'),
        '-HelpSource', (Join-Path $Root 'module/help'),
        '-Destination', (Join-Path $ModuleOut 'en-US/Chimera.Insight.Commands.dll-Help.xml'))
    if ($exit -ne 0) { throw "Help generation failed (exit code $exit)." }
    Write-Host "Module laid out in $ModuleOut" -ForegroundColor Green
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results -Force | Out-Null

    Write-Host 'xUnit: engine tests' -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'tests/Chimera.Insight.Tests/Chimera.Insight.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --results-directory $results --verbosity quiet | Out-Host
    $xunitExit = $LASTEXITCODE
    $xunit = Read-TrxCounts (Join-Path $results 'xunit.trx')

    Write-Host 'Pester: cmdlet tests in a fresh pwsh process' -ForegroundColor Cyan
    $deps = Restore-TestDependencies
    $summaryPath = Join-Path $results 'pester.json'
    $pesterExit = Invoke-FreshPwsh @('-File', (Join-Path $Root 'tools/Invoke-PesterTests.ps1'),
        '-PesterPath', $deps.Pester,
        '-ModulePath', (Join-Path $ModuleOut 'Chimera.Insight.psd1'),
        '-TestServerPath', (Join-Path $TestServerOut 'OllamaTestServer.dll'),
        '-OldYamlDotNetPath', $deps.OldYamlDotNet,
        '-TestPath', (Join-Path $Root 'tests/pester'),
        '-SummaryPath', $summaryPath)
    $pester = if (Test-Path $summaryPath) { Get-Content $summaryPath -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host "xUnit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($xunitExit -ne 0 -or $pesterExit -ne 0 -or $failed -gt 0 -or $passed -eq 0) {
        throw 'Tests failed.'
    }
}

function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    [xml] $trx = Get-Content $Path -Raw
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout
        Skipped = [int] $counters.notExecuted
    }
}

function Invoke-Run {
    Invoke-Build
    $exit = Invoke-FreshPwsh @('-File', (Join-Path $Root 'tools/Invoke-SampleRun.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'Chimera.Insight.psd1'),
        '-SamplePath', (Join-Path $Root 'samples'))
    if ($exit -ne 0) { throw "The sample run failed (exit code $exit)." }
}

function Invoke-Bench {
    Invoke-Build
    $exit = Invoke-FreshPwsh @('-File', (Join-Path $Root 'tools/bench/Invoke-Benchmark.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'Chimera.Insight.psd1'),
        '-TestServerPath', (Join-Path $TestServerOut 'OllamaTestServer.dll'),
        '-OutputPath', (Join-Path $Out 'bench'),
        '-FileCount', ($BenchFileCount -join ','))
    if ($exit -ne 0) { throw "The benchmark failed (exit code $exit)." }
}

function Invoke-Render {
    Invoke-Build
    $exit = Invoke-FreshPwsh @('-File', (Join-Path $Root 'tools/Invoke-Render.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'Chimera.Insight.psd1'),
        '-CorpusPath', $RenderPath,
        '-OutputPath', (Join-Path $Out 'render'))
    if ($exit -ne 0) { throw "Rendering the report failed (exit code $exit)." }
}

function Invoke-Eval {
    Invoke-Native dotnet @('run', '--project', (Join-Path $Root 'tools/eval/GroundingEval.csproj'), '-c', $Configuration, '--',
        (Join-Path $Out 'eval/grounding.json'))
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj |
        Where-Object FullName -notmatch '[\\/]\.git[\\/]' |
        Remove-Item -Recurse -Force
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Run' { Invoke-Run }
    'Bench' { Invoke-Bench }
    'Render' { Invoke-Render }
    'Eval' { Invoke-Eval }
    'Clean' { Invoke-Clean }
}
