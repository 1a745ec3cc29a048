# "Our own text is always right": the narrative the module writes itself grounds 100% against its own facts,
# on every corpus the test suite has (the shipped samples, the hostile corpus, a small sweep).
BeforeDiscovery {
    $script:corpora = @('samples', 'hostile', 'sweep')
}

Describe 'The module''s own narrative' {
    BeforeAll {
        Import-Module $env:CHIMERA_INSIGHT_MODULE -Force
        function Get-Corpus([string] $Name) {
            switch ($Name) {
                'samples' { return (Resolve-Path (Join-Path $PSScriptRoot '../../samples')).Path }
                'hostile' {
                    $root = Join-Path $TestDrive 'hostile'
                    New-Item -ItemType Directory -Path $root -Force | Out-Null
                    & (Join-Path $PSScriptRoot 'New-HostileCorpus.ps1') -Path $root | Out-Null
                    return $root
                }
                'sweep' {
                    $root = Join-Path $TestDrive 'sweep'
                    New-Item -ItemType Directory -Path $root -Force | Out-Null
                    $rows = @('model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,error')
                    foreach ($model in 'gemma3:latest', 'llama3.1:8b-instruct-q4_0') {
                        foreach ($ctx in 512, 2048) {
                            $rows += "$model,80,$ctx,0.8,2.31,101.5,2.2,"
                            foreach ($i in 0..6) { $rows += "$model,80,$ctx,0.8,0.1$i,$(90 + $i).25,0.05," }
                            $rows += "$model,80,$ctx,0.8,0,0,0,HTTP 500: runner stopped"
                        }
                    }
                    Set-Content -Path (Join-Path $root 'sweep_20251002-170837.csv') -Value $rows
                    return $root
                }
            }
        }
    }

    It 'grounds every figure of the offline narrative on the <_> corpus' -ForEach $corpora {
        $corpus = Get-Corpus $_
        $metrics = @(Get-BenchmarkInventory $corpus -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            Measure-BenchmarkMetrics -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $report = $metrics | New-InsightReport -Offline -WarningAction SilentlyContinue

        @($report.Grounding.Figures).Count | Should -BeGreaterThan 0
        @($report.Grounding.Ungrounded | ForEach-Object { "$($_.Text) (line $($_.Line): $($_.Reason))" }) | Should -BeNullOrEmpty
        ($report | Test-InsightGrounding).GroundedRatio | Should -Be 1
    }
}
