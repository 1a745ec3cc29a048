using System.Globalization;

namespace Chimera.Insight.Statistics;

/// <summary>Every user-facing text of the statistics area (Measure-/Compare-BenchmarkMetrics, findings).
/// Numbers are formatted with the invariant culture, whatever the session's culture.</summary>
public static class StatisticsMessages
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string NotANumber = "is not a number";
    public const string Infinite = "is infinite";
    public const string Negative = "is negative, which a time, throughput or count cannot be";
    public const string NoErrorText = "(no error text)";
    public const string FailedRequestsOfSummary = "failed requests the producer's summary counts";

    private static string F(double value, int decimals = 2) => value.ToString("F" + decimals.ToString(Invariant), Invariant);

    private static string Model(string model) => string.IsNullOrEmpty(model) ? "(no model)" : model;

    public static string UnknownGroupingKey(string name) =>
        $"'{name}' is not a grouping key. Use any of: {string.Join(", ", GroupingKeysParser.Names)}.";

    public static string RejectedValue(string metric, string value, string problem) =>
        $"{metric} value {value} {problem}: left out of every statistic.";

    public static string RejectedMetricValues(string metric, int count) =>
        $"{metric}: {count.ToString(Invariant)} value(s) that are NaN, infinite or a negative time were left out of every statistic.";

    public static string ReadFailed(string path, string reason) => $"{path}: could not be read: {reason}";

    public static string DuplicateCountedOnce(string copy, string original) =>
        $"{copy} is a byte-identical copy of {original}: its values are counted once.";

    public static string RedundantCountedOnce(string copy, string original) =>
        $"{copy} holds the same records with the same values as {original}: its values are counted once.";

    public static string ModelFromTwin(string file, string model, string twin) =>
        $"{file} names no model: '{model}' taken from its twin {twin}, which holds the same figures.";

    public static string ModelFromFamily(string file, string model, string family) =>
        $"{file} names no model: '{model}' taken from the other files of its run family '{family}'.";

    public static string NoModel(string file, string family) =>
        family.Length == 0
            ? $"{file} names no model, and has no run family to take one from: its figures stay without a model."
            : $"{file} names no model, nor does one model stand for its run family '{family}': its figures stay without a model.";

    public static string MixedPhases(int groups) =>
        $"{groups.ToString(Invariant)} group(s) mix cold-start and warm values because Phase is not in -GroupBy; " +
        "ColdCount shows how many values in each are cold. Add Phase to -GroupBy to keep them apart.";

    public static string NotBenchmarkArtifact(string path) =>
        $"{path}: not a benchmark artifact (.csv, .json, .jsonl, .md): skipped.";

    public static string PathNotFound(string path) => $"Cannot find path '{path}' because it does not exist.";

    public static string SharedFilesReason(IReadOnlyList<string> files) =>
        $"both sides read {files.Count.ToString(Invariant)} same file(s) ({string.Join(", ", files.Take(3).Select(System.IO.Path.GetFileName))}{(files.Count > 3 ? ", ..." : "")}): a set compared with itself";

    public static string SharedFilesWarning(IReadOnlyList<string> files, int sides) =>
        $"The reference and the difference share {files.Count.ToString(Invariant)} of their files ({string.Join(", ", files.Take(5))}{(files.Count > 5 ? ", ..." : "")}): " +
        (files.Count == sides ? "this compares a set with itself. " : "groups fed by them compare data with itself. ") +
        "Their comparisons are Inconclusive (Basis SharedFiles).";

    public static string TooFewSamplesReason(int reference, int difference, double alpha) =>
        $"too few samples ({reference.ToString(Invariant)} against {difference.ToString(Invariant)}) for any difference to be significant at alpha {alpha.ToString(Invariant)}";

    public static string NotSignificantReason(double p, double alpha) =>
        $"the difference is not significant (Welch's t-test on the stated spreads, p={p.ToString("0.####", Invariant)}, alpha {alpha.ToString(Invariant)})";

    public static string NoSpreadReason(bool reference, bool difference) =>
        (reference && difference ? "neither side states" : reference ? "the reference does not state" : "the difference does not state") +
        " a standard deviation and a count of at least 2 beside its mean: a change cannot be tested";

    public const string NoValuesReason = "a side has no values (every run failed)";
    public const string OnlyInReference = "the group is in the reference only";
    public const string OnlyInDifference = "the group is in the difference only";

    public const string NoDirectionReason = "the metric has no better direction (not a time or a rate)";

    public static string NoInput(string side) => $"-{side} holds no benchmark data: nothing to compare.";

    public static string BestConfiguration(string model, string configuration, double mean, string unit, int count,
        double gapPercent, string worst, int configurations) =>
        $"{Model(model)}: best throughput with {configuration}: {F(mean)} {unit} (n={count.ToString(Invariant)}), " +
        $"{F(gapPercent, 1)}% above the worst of {configurations.ToString(Invariant)} configurations ({worst}).";

    public static string WorstConfiguration(string model, string configuration, double mean, string unit, int count,
        double gapPercent, string best) =>
        $"{Model(model)}: worst throughput with {configuration}: {F(mean)} {unit} (n={count.ToString(Invariant)}); " +
        $"the best ({best}) is {F(gapPercent, 1)}% higher.";

    public static string ColdStartPenalty(string model, double coldMean, double warmMedian, string unit, double ratio,
        int coldCount, int warmCount) =>
        $"{Model(model)}: cold-start TTFT averages {F(coldMean)} {unit} (n={coldCount.ToString(Invariant)}) against a warm median of " +
        $"{F(warmMedian)} {unit} (n={warmCount.ToString(Invariant)}): {F(ratio, 1)}x.";

    public static string Reloads(string model, int reloads, int configurations, double penalty, string unit) =>
        $"{Model(model)}: {reloads.ToString(Invariant)} cold start(s) across {configurations.ToString(Invariant)} configurations: " +
        $"configuration changes reloaded the model, each costing about {F(penalty)} {unit} of TTFT.";

    public static string FailureRate(string? model, string source, int failed, int runs, double rate, string? error) =>
        (model is null ? source : $"{model} in {source}") +
        $": {failed.ToString(Invariant)} of {runs.ToString(Invariant)} runs failed ({F(rate, 1)}%)" +
        (error is null ? "." : $"; most common error: {error}");

    public static string FailureRateAcrossSources(string? model, int failed, int runs, double rate, int failingFiles, int files, int shown) =>
        (model ?? "Runs without a model") +
        $": {failed.ToString(Invariant)} of {runs.ToString(Invariant)} runs failed ({F(rate, 1)}%), in {failingFiles.ToString(Invariant)} of " +
        $"{files.ToString(Invariant)} files" + (shown > 0 ? $"; the {shown.ToString(Invariant)} with the highest failure rates follow." : ".");

    public static string ModelComparison(string source, string configuration, IReadOnlyList<(string Model, double Mean, string Unit, int Count)> models, double gapPercent) =>
        $"Models measured in one file ({source}) with the same configuration ({configuration}), warm throughput: " +
        string.Join("; ", models.Select(m => $"{m.Model} {F(m.Mean)} {m.Unit} (n={m.Count.ToString(Invariant)})")) +
        $"; the fastest is {F(gapPercent, 1)}% above the slowest.";

    public static string HighVariance(string subject, double cv, double mean, double stdDev, string unit, int count) =>
        $"{subject}: high variance, CV {F(cv, 1)}% (mean {F(mean)} {unit}, std dev {F(stdDev)} {unit}, n={count.ToString(Invariant)}).";

    public static string DuplicateFinding(string copy, string original, int groups) =>
        $"{copy} is a byte-identical copy of {original}: counted once" +
        (groups > 0 ? $" ({groups.ToString(Invariant)} metric group(s) affected)." : ".");

    public static string RedundantFinding(string copy, string original, int groups) =>
        $"{copy} holds the same records as {original} (another export of the same run): counted once " +
        $"({groups.ToString(Invariant)} metric group(s) affected).";

    public static string StaleData(DateTime newest, double ageDays, double limitDays) =>
        $"The newest run without a model is from {newest.ToString("yyyy-MM-dd", Invariant)}, {F(ageDays, 0)} days old " +
        $"(stale after {F(limitDays, 0)} days).";

    public static string StaleModel(string model, DateTime latest, double ageDays, double limitDays) =>
        $"{Model(model)}: newest run from {latest.ToString("yyyy-MM-dd", Invariant)}, {F(ageDays, 0)} days old (stale after {F(limitDays, 0)} days).";

    public static string MissingMetric(string model, string metric, IReadOnlyList<string> missingIn, int configurations) =>
        $"{Model(model)}: {metric} is missing for {missingIn.Count.ToString(Invariant)} of {configurations.ToString(Invariant)} " +
        $"configurations ({string.Join("; ", missingIn)}).";
}
