# Compare-BenchmarkMetrics: verdicts users can trust, from live and deserialized input.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    function New-Series {
        param([string] $Metric, [double[]] $Values, [string] $Unit = 'ms', [string] $Source = '/data/before.csv',
            [string] $Configuration = 'num_ctx=1024', [string] $Phase = 'Warm', [string] $Statistic = 'Sample')
        $i = 0
        foreach ($v in $Values) {
            $i++
            [pscustomobject]@{
                PSTypeName    = 'Chimera.Insight.BenchmarkSample'
                Metric        = $Metric
                Value         = $v
                Unit          = $Unit
                Statistic     = $Statistic
                Model         = 'llama3.1:8b'
                Backend       = 'ollama'
                Configuration = $Configuration
                Phase         = $Phase
                Failed        = $false
                Source        = $Source
                Record        = "$Phase$i"
            }
        }
    }

    # 30 deterministic values spread about 2% around the centre.
    function Get-Spread([double] $Center) { 0..29 | ForEach-Object { $Center * (0.98 + 0.04 * (($_ * 7) % 30) / 29) } }

    function ConvertTo-Deserialized($InputObject) {
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject))
    }

    $script:ttft = Get-Spread 100
    $script:tps = Get-Spread 80
    $script:reference = @(New-Series TtftMs $ttft; New-Series TokensPerSecond $tps -Unit 'tok/s')
    $script:slower = @(
        New-Series TtftMs ($ttft | ForEach-Object { $_ * 1.2 }) -Source '/data/after.csv'
        New-Series TokensPerSecond ($tps | ForEach-Object { $_ * 0.8 }) -Unit 'tok/s' -Source '/data/after.csv'
    )
}

Describe 'Compare-BenchmarkMetrics' {
    It 'calls a real 20% slowdown Worse: +20% for times, -20% for throughput' {
        $result = Compare-BenchmarkMetrics -ReferenceObject $reference -DifferenceObject $slower

        $result.Count | Should -Be 2
        $result[0].PSObject.TypeNames[0] | Should -Be 'Chimera.Insight.BenchmarkComparison'
        $ttftResult = $result | Where-Object Metric -eq 'TtftMs'
        $ttftResult.Verdict | Should -Be 'Worse'
        [math]::Round($ttftResult.DeltaPercent, 6) | Should -Be 20
        $ttftResult.Basis | Should -Be 'MannWhitneyU'
        $ttftResult.PValue | Should -BeLessThan 0.001
        $tpsResult = $result | Where-Object Metric -eq 'TokensPerSecond'
        $tpsResult.Verdict | Should -Be 'Worse'
        [math]::Round($tpsResult.DeltaPercent, 6) | Should -Be -20
    }

    It 'takes the difference from the pipeline' {
        $result = $slower | Compare-BenchmarkMetrics $reference -Metric TtftMs
        $result.Verdict | Should -Be 'Worse'
    }

    It 'is not spoiled by one cold request' {
        $difference = @(New-Series TtftMs 2300 -Phase Cold -Source '/data/after.csv'; New-Series TtftMs $ttft -Source '/data/after.csv')

        $result = Compare-BenchmarkMetrics $reference $difference -Metric TtftMs

        ($result | Where-Object Phase -eq 'Warm').Verdict | Should -Be 'Same'
        $cold = $result | Where-Object Phase -eq 'Cold'
        $cold.Status | Should -Be 'Added'
        $cold.Verdict | Should -Not -Be 'Worse'
    }

    It 'keeps cold apart even when -GroupBy leaves Phase out' {
        $difference = @(New-Series TtftMs 2300 -Phase Cold -Source '/data/after.csv'; New-Series TtftMs $ttft -Source '/data/after.csv')
        $result = Compare-BenchmarkMetrics $reference $difference -Metric TtftMs -GroupBy Model
        ($result | Where-Object Phase -eq 'Warm').Verdict | Should -Be 'Same'
    }

    It 'lists groups on one side only as Added or Removed' {
        $difference = New-Series TtftMs $ttft -Configuration 'num_ctx=4096' -Source '/data/after.csv'
        $result = Compare-BenchmarkMetrics $reference $difference -Metric TtftMs

        ($result | Where-Object Configuration -eq 'num_ctx=1024').Status | Should -Be 'Removed'
        ($result | Where-Object Configuration -eq 'num_ctx=4096').Status | Should -Be 'Added'
    }

    It 'says Inconclusive when there are too few samples to tell' {
        $result = Compare-BenchmarkMetrics (New-Series TtftMs 100, 101) (New-Series TtftMs 150, 151 -Source '/b.csv')
        $result.Verdict | Should -Be 'Inconclusive'
    }

    It 'gives no verdict on a mean without its spread, and says why' {
        $before = New-Series LatencyMs 24.6 -Statistic Mean -Source '/data/kernel.json'
        $after = New-Series LatencyMs 30, 31, 29 -Source '/data/after.csv'

        $result = Compare-BenchmarkMetrics $before $after

        $result.Basis | Should -Be 'ThresholdOnly'
        $result.PValue | Should -BeNullOrEmpty
        $result.Verdict | Should -Be 'Inconclusive'
        $result.Reason | Should -Match 'standard deviation'
    }

    It 'says plainly when a set is compared with itself' {
        $result = Compare-BenchmarkMetrics $reference $reference -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join ' ') | Should -Match 'compares a set with itself'
        $result.Verdict | Select-Object -Unique | Should -Be 'Inconclusive'
        $result.Basis | Select-Object -Unique | Should -Be 'SharedFiles'
        $result.DeltaPercent | Select-Object -Unique | Should -Be 0
    }

    It 'honours -Threshold and -ExcludeSame' {
        @(Compare-BenchmarkMetrics $reference $slower -Threshold 25).Verdict | Select-Object -Unique | Should -Be 'Same'
        @(Compare-BenchmarkMetrics $reference $slower -Threshold 25 -ExcludeSame).Count | Should -Be 0
    }

    It 'compares metrics as it compares the samples they came from' {
        $fromSamples = Compare-BenchmarkMetrics $reference $slower
        $fromMetrics = Compare-BenchmarkMetrics ($reference | Measure-BenchmarkMetrics) ($slower | Measure-BenchmarkMetrics)

        $fromMetrics.Verdict | Should -Be $fromSamples.Verdict
        $fromMetrics.PValue | Should -Be $fromSamples.PValue
        $fromMetrics.DeltaPercent | Should -Be $fromSamples.DeltaPercent
    }

    It 'compares metrics that came back from Start-Job exactly as local ones' {
        $local = Compare-BenchmarkMetrics ($reference | Measure-BenchmarkMetrics) ($slower | Measure-BenchmarkMetrics)
        $fromJob = Start-Job -ScriptBlock {
            param($module, $reference, $slower)
            Import-Module $module
            [pscustomobject]@{
                Reference  = @($reference | Measure-BenchmarkMetrics)
                Difference = @($slower | Measure-BenchmarkMetrics)
            }
        } -ArgumentList $env:CHIMERA_INSIGHT_MODULE, $reference, $slower | Receive-Job -Wait -AutoRemoveJob
        $referenceFromJob = $fromJob | Select-Object -ExpandProperty Reference
        $differenceFromJob = $fromJob | Select-Object -ExpandProperty Difference

        $remote = Compare-BenchmarkMetrics $referenceFromJob $differenceFromJob

        $remote.Verdict | Should -Be $local.Verdict
        $remote.PValue | Should -Be $local.PValue
        $remote.DeltaPercent | Should -Be $local.DeltaPercent
        $remote.ReferenceMean | Should -Be $local.ReferenceMean
    }

    It 'compares PSSerializer round-tripped samples exactly as the originals' {
        $local = Compare-BenchmarkMetrics $reference $slower
        $copy = Compare-BenchmarkMetrics (ConvertTo-Deserialized $reference) (ConvertTo-Deserialized $slower)
        $copy.PValue | Should -Be $local.PValue
        $copy.DeltaPercent | Should -Be $local.DeltaPercent
    }

    It 'is not thrown off by a de-DE culture' {
        $previous = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $result = Compare-BenchmarkMetrics $reference $slower -Metric TtftMs
            $result.Verdict | Should -Be 'Worse'
            [math]::Round($result.DeltaPercent, 6) | Should -Be 20
        }
        finally {
            [cultureinfo]::CurrentCulture = $previous
        }
    }

    It 'shows comparisons as a table with the verdict and the signed delta' {
        $text = Compare-BenchmarkMetrics $reference $slower | Out-String -Width 200
        $text | Should -Match 'Verdict'
        $text | Should -Match 'Worse'
        $text | Should -Match '\+20[.,]0'
        (ConvertTo-Deserialized (Compare-BenchmarkMetrics $reference $slower) | Out-String -Width 200) | Should -Match 'Worse'
    }

    It 'warns when a side holds nothing to compare' {
        $result = Compare-BenchmarkMetrics @() $slower -WarningVariable warnings -WarningAction SilentlyContinue
        @($result).Count | Should -Be 2
        $result.Status | Select-Object -Unique | Should -Be 'Added'
        "$warnings" | Should -Match 'ReferenceObject'
    }

    It 'refuses a -GroupBy key it does not know' {
        { Compare-BenchmarkMetrics $reference $slower -GroupBy Colour } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    Context 'files' {
        BeforeAll {
            $header = '"timestamp","model","num_gpu","num_ctx","temperature","ttft_s","tokens_s","load_s","error"'
            function Write-Run([string] $Path, [double] $Factor) {
                $rows = 0..29 | ForEach-Object {
                    $tps = (80 * (0.98 + 0.04 * (($_ * 7) % 30) / 29)) * $Factor
                    '"2025-09-30T20:{0:00}:00","llama3.1:8b","999","1024","0.4","0.100","{1}","0.08",""' -f $_, $tps.ToString([cultureinfo]::InvariantCulture)
                }
                Set-Content -LiteralPath $Path -Value (@($header) + $rows)
            }
            Write-Run (Join-Path $TestDrive 'before.csv') 1.0
            Write-Run (Join-Path $TestDrive 'after.csv') 0.8
        }

        It 'reads both sides from paths and calls a 20% throughput loss Worse' {
            $result = Compare-BenchmarkMetrics (Join-Path $TestDrive 'before.csv') (Join-Path $TestDrive 'after.csv') -Metric TokensPerSecond -GroupBy Model
            $warm = $result | Where-Object Phase -eq 'Warm'
            $warm.Verdict | Should -Be 'Worse'
            [math]::Round($warm.DeltaPercent) | Should -Be -20
        }
    }
}
