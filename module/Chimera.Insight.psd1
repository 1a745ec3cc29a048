@{
    RootModule           = 'Chimera.Insight.Commands.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c6a3e-2d7b-4f21-9a86-6b1f3c9d7e42'
    Author               = 'Chimera Insight'
    CompanyName          = 'Chimera Insight'
    Copyright            = '(c) Chimera Insight. MIT License.'
    Description          = 'Turns LLM benchmark artifacts (CSV, JSON/JSONL, Markdown) into statistics you can trust, and has a local Ollama model write the insight report, every figure checked against the data.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    TypesToProcess       = @('types/Chimera.Insight.types.ps1xml')
    FormatsToProcess     = @(
        'formats/Inventory.format.ps1xml'
        'formats/Metrics.format.ps1xml'
        'formats/Report.format.ps1xml'
        'formats/Comparison.format.ps1xml'
        'formats/Backend.format.ps1xml'
    )
    CmdletsToExport      = @(
        'Get-BenchmarkInventory'
        'Get-BenchmarkSample'
        'Get-BenchmarkRecord'
        'Measure-BenchmarkMetrics'
        'New-InsightReport'
        'Compare-BenchmarkMetrics'
        'Test-InsightGrounding'
        'Export-InsightReport'
        'Get-InsightBackend'
        'Get-InsightConfiguration'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('LLM', 'Ollama', 'Benchmark', 'Statistics', 'Report')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
