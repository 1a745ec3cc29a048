# The module as a whole: import beside other modules, manifest, help for every command.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile $env:CHIMERA_INSIGHT_MODULE
    $script:commands = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

Describe 'Chimera.Insight module' {
    BeforeAll {
        $manifest = Import-PowerShellDataFile $env:CHIMERA_INSIGHT_MODULE
        Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
        $module = Get-Module Chimera.Insight
    }

    It 'exports exactly the cmdlets its manifest lists' {
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'ships no third-party assembly beside its root module' {
        $root = Split-Path $env:CHIMERA_INSIGHT_MODULE
        @(Get-ChildItem $root -Filter *.dll | ForEach-Object Name) | Should -Be @('Chimera.Insight.Commands.dll')
        Test-Path (Join-Path $root 'dependencies/net8.0/YamlDotNet.dll') | Should -BeTrue
        Test-Path (Join-Path $root 'dependencies/net10.0/YamlDotNet.dll') | Should -BeTrue
    }

    It 'loads its engine from the build for the running .NET' {
        $null = Get-BenchmarkInventory -LiteralPath $TestDrive
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Chimera.Insight' } | Select-Object -First 1
        $expected = if ([Environment]::Version.Major -ge 10) { 'net10.0' } else { 'net8.0' }
        Split-Path (Split-Path $engine.Location) -Leaf | Should -Be $expected
    }

    It 'has an about_ChimeraInsight topic' {
        (Get-Help about_ChimeraInsight | Out-String) | Should -Match 'Get-BenchmarkInventory'
    }

    It '<Name> has full help: synopsis, description, parameters and an example' -ForEach $commands {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$Name\s*\["
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = $help.Parameters.Parameter | Where-Object Name -eq $parameter
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
        }
    }
}
