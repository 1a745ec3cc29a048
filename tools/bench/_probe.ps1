Import-Module /work/main/out/Chimera.Insight/Chimera.Insight.psd1
. (Join-Path $PSScriptRoot "BenchmarkSteps.ps1")
Measure-ReportOverhead -TestServerPath /work/main/out/OllamaTestServer/OllamaTestServer.dll -Times 5 | ConvertTo-Json
