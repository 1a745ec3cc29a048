@{
    Synopsis    = 'Compares two sets of benchmark results group by group and says, per metric, whether the difference is Better, Worse, the Same or Inconclusive.'
    Description = @'
Compare-BenchmarkMetrics measures each side (samples, metrics, benchmark files, InsightReport objects or paths, live or deserialized, as Measure-BenchmarkMetrics takes them) and matches the groups by metric and the -GroupBy keys. Phase is always a matching key, so cold samples never decide a warm comparison: a single cold first request on one side becomes a Cold group of its own (Added or Removed), not a regression of the warm figures.

Each match gives a BenchmarkComparison with both means, standard deviations, CVs and counts (failed runs counted apart), DeltaPercent ((difference - reference) / |reference| * 100) and a Verdict judged by the metric's direction: lower is better for every time (*Ms, or a time unit), higher for throughput (TokensPerSecond, tok/s); other metrics can only be Same or Inconclusive.

Where both sides have raw samples, Basis is MannWhitneyU and PValue holds the two-sided Mann-Whitney U p-value (exact when there are no ties and one side has at most 8 values, else the normal approximation with tie and continuity correction, as scipy does). A change counts only when |DeltaPercent| reaches -Threshold (default 5) AND the p-value is below -Alpha (default 0.01): then Better or Worse. Below the threshold the verdict is Same. Above it but not significant: Inconclusive when the sample sizes could never reach significance at -Alpha (too few samples to tell), else Same.

Where a side has only summarised figures, a verdict needs what a test needs: a stated mean, standard deviation and count (at least 2) on both sides give Basis WelchT (Welch's t-test, p-value in PValue, judged as above); a mean without its spread gives Basis ThresholdOnly and Verdict Inconclusive. A raw-sample group is matched against a reported Mean of the same group. A side with no values (every run failed) gives Inconclusive with Basis NoValues. When both sides read the same file (a set compared with itself, in whole or in part) a warning says so and the groups those files fed are Inconclusive with Basis SharedFiles. Every Inconclusive verdict carries its Reason. Groups present on one side only are listed with Status Removed (reference only) or Added (difference only), Basis Unmatched and Verdict Inconclusive.
'@
    Parameters  = @{
        ReferenceObject  = 'The baseline: samples, metrics, benchmark files, InsightReport objects, FileInfo objects or paths.'
        DifferenceObject = 'The results compared against the baseline, of the same kinds. Accepts pipeline input.'
        GroupBy          = 'The keys groups are matched by, besides the metric: any of Model, Configuration, Backend, Phase, Source, Prompt. Default: Model, Configuration, Backend, Phase. Phase is always added. Producer is never a matching key: runs of two tools are compared, Inconclusive with a Reason where the tools define the metric differently (see about_ChimeraInsight).'
        Metric           = 'Only the metrics whose names match one of these wildcard patterns, case-insensitive.'
        Threshold        = 'The smallest change, in percent of the reference mean, that can count as Better or Worse. Default 5.'
        Alpha            = 'The significance level of the Mann-Whitney U test. Default 0.01.'
        ExcludeSame      = 'Leave out comparisons whose verdict is Same.'
        ThrottleLimit    = 'How many files are read at the same time. Default: the number of processors.'
    }
    Examples    = @(
        @{
            Code    = 'Compare-BenchmarkMetrics -ReferenceObject (Get-BenchmarkInventory ./baseline | Get-BenchmarkSample) -DifferenceObject (Get-BenchmarkInventory ./candidate | Get-BenchmarkSample) | Format-Table'
            Remarks = 'Compares a candidate run against the baseline, group by group.'
        }
        @{
            Code    = 'Get-BenchmarkInventory ./candidate | Compare-BenchmarkMetrics (Get-BenchmarkInventory ./baseline) -Metric TtftMs, TokensPerSecond -Threshold 10 -ExcludeSame'
            Remarks = 'Reads both sets of files in parallel and shows only TTFT and throughput changes of at least 10 percent.'
        }
        @{
            Code    = '$before = Start-Job { Import-Module Chimera.Insight; Measure-BenchmarkMetrics -Path ./old } | Receive-Job -Wait; Compare-BenchmarkMetrics $before (Measure-BenchmarkMetrics -Path ./new)'
            Remarks = 'Metrics that came back from a job compare exactly as live ones.'
        }
    )
    Inputs      = 'Chimera.Insight.BenchmarkSample, Chimera.Insight.BenchmarkMetric, Chimera.Insight.BenchmarkFile, Chimera.Insight.InsightReport (live or deserialized), System.IO.FileInfo, System.String'
    Notes       = 'Matching is by Metric, Unit, the -GroupBy keys and Phase; measured groups match measured ones, reported statistics the same reported statistic, and a measured group with no partner matches a reported Mean.'
    Links       = @('Measure-BenchmarkMetrics', 'Compare-Object')
}
