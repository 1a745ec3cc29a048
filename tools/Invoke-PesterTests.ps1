<#
.SYNOPSIS
    Runs the Pester cmdlet tests against the built module; build.ps1 starts it in a fresh pwsh
    process so the module DLLs are never locked in the build session.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $TestServerPath,
    [Parameter(Mandatory)][string] $OldYamlDotNetPath,
    [Parameter(Mandatory)][string] $TestPath,
    [Parameter(Mandatory)][string] $SummaryPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

# What the test files read: the module under test, the Ollama-protocol test server, and the older
# YamlDotNet for the side-by-side import test.
$env:CHIMERA_INSIGHT_MODULE = $ModulePath
$env:CHIMERA_TEST_SERVER = $TestServerPath
$env:CHIMERA_OLD_YAMLDOTNET = $OldYamlDotNetPath

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration

[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath

exit ([int]($result.Result -ne 'Passed'))
