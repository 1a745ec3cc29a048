<#
.SYNOPSIS
    The main job on the shipped sample corpus: build.ps1 Run starts it in a fresh pwsh process.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SamplePath
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Get-BenchmarkInventory -Path $SamplePath -Summary | Format-List
