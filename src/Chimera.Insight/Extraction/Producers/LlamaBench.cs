using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// llama.cpp <c>llama-bench</c> results, whatever the printer (<c>-o md|csv|json|jsonl|sql</c>): one row per test. A
/// <c>pp</c> test (n_prompt &gt; 0, n_gen = 0) is PromptTokensPerSecond, a <c>tg</c> test TokensPerSecond, a
/// <c>pp+tg</c> test PromptGenerationTokensPerSecond (its rate mixes both, so it stands apart); <c>@ dN</c> is the
/// context depth, part of the Test. The rate of each repetition (<c>samples_ts</c>) is Measured when present; otherwise
/// <c>avg_ts</c> / <c>stddev_ts</c> (the markdown's <c>mean ± std</c>) are Reported. The model is named by its type, size
/// and parameters as the markdown prints them (<c>llama 7B Q4_0 (3.56 GiB, 6.74 B)</c>): two files of one type with
/// different sizes stay apart.
/// </summary>
internal static partial class LlamaBench
{
    public const string Producer = "llama-bench";
    public const string CombinedMetric = "PromptGenerationTokensPerSecond";

    private static readonly Regex TestPattern = TestPatternRegex();
    [GeneratedRegex(@"^(?:pp ?\d+|tg ?\d+|pp ?\d+\+tg ?\d+)(?:\s*@\s*d\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TestPatternRegex();
    private static readonly Regex RatePattern = RatePatternRegex();
    [GeneratedRegex(@"^(?<mean>\d+(?:\.\d+)?)\s*±\s*(?<std>\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePatternRegex();
    private static readonly Regex SizePattern = SizePatternRegex();
    [GeneratedRegex(@"^\d+(?:\.\d+)?\s*(?:[KMGT]i?B)$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePatternRegex();
    private static readonly Regex ParamsPattern = ParamsPatternRegex();
    [GeneratedRegex(@"^\d+(?:\.\d+)?\s*[KMBT]$", RegexOptions.CultureInvariant)]
    private static partial Regex ParamsPatternRegex();

    /// <summary>The fields of a printed row (JSON object, CSV row, SQL insert) by llama-bench's own names.</summary>
    public static bool IsRow(Func<string, string?> field) =>
        field("model_type") is not null && (field("avg_ts") is not null || field("samples_ts") is not null) && field("n_prompt") is not null;

    /// <summary>Reads one row given by field name (texts as the printer wrote them).</summary>
    public static void ReadRow(Func<string, string?> field, string location, Dimensions inherited, SampleSink sink)
    {
        var prompt = Int(field("n_prompt")) ?? 0;
        var gen = Int(field("n_gen")) ?? 0;
        var depth = Int(field("n_depth")) ?? 0;
        var test = prompt > 0 && gen == 0 ? "pp" + prompt.ToString(CultureInfo.InvariantCulture)
            : gen > 0 && prompt == 0 ? "tg" + gen.ToString(CultureInfo.InvariantCulture)
            : "pp" + prompt.ToString(CultureInfo.InvariantCulture) + "+tg" + gen.ToString(CultureInfo.InvariantCulture);
        if (depth > 0)
        {
            test += " @ d" + depth.ToString(CultureInfo.InvariantCulture);
        }

        var dimensions = inherited.Clone();
        dimensions.Producer = Producer;
        dimensions.Test = test;
        dimensions.Model = ModelName(field("model_type")!, SizeText(Double(field("model_size"))), ParamsText(Double(field("model_n_params"))));
        dimensions.Backend = Clean(field("backends")) ?? Clean(field("backend")) ?? dimensions.Backend;
        dimensions.NumGpu = Int(field("n_gpu_layers")) ?? dimensions.NumGpu;
        if (Clean(field("test_time")) is { } time)
        {
            dimensions.Timestamp = Dimensions.ParseTimestamp(time) ?? dimensions.Timestamp;
        }

        var metric = MetricOf(test);
        var record = new BenchmarkRecord(dimensions, location);
        var samples = Numbers(field("samples_ts"));
        if (samples.Count > 0)
        {
            foreach (var rate in samples)
            {
                ProducerFigures.Add(sink, record, RateField(metric, null), rate, "samples_ts");
            }
        }
        else
        {
            if (Double(field("avg_ts")) is { } mean)
            {
                ProducerFigures.Add(sink, record, RateField(metric, Insight.Statistic.Mean), mean, "avg_ts");
            }

            if (Double(field("stddev_ts")) is { } std)
            {
                ProducerFigures.Add(sink, record, RateField(metric, Insight.Statistic.StdDev), std, "stddev_ts");
            }
        }

        sink.Add(record);
    }

    /// <summary>A markdown table row (<c>| model | size | params | backend | ngl | test | t/s |</c>), with its header's
    /// column names when the header was printed (null when the row stands without one, as in a log).</summary>
    public static bool TryReadMarkdownRow(IReadOnlyList<string> cells, IReadOnlyList<string>? header, string location, Dimensions inherited, SampleSink sink)
    {
        if (cells.Count < 3 || RatePattern.Match(cells[cells.Count - 1]) is not { Success: true } rate)
        {
            return false;
        }

        var testIndex = -1;
        for (var i = cells.Count - 2; i >= 1; i--)
        {
            if (TestPattern.IsMatch(cells[i]))
            {
                testIndex = i;
                break;
            }
        }

        if (testIndex < 0)
        {
            return false;
        }

        // Older builds print "pp 512" / "tg 128".
        var test = Regex.Replace(Regex.Replace(cells[testIndex], @"(pp|tg) (\d)", "$1$2"), @"\s*@\s*", " @ ");
        string? size = null, parameters = null, backend = null;
        int? ngl = null;
        for (var i = 1; i < testIndex; i++)
        {
            var name = header is not null && i < header.Count ? header[i].ToLowerInvariant() : null;
            var cell = cells[i];
            if (name == "size" || (name is null && size is null && SizePattern.IsMatch(cell)))
            {
                size = cell;
            }
            else if (name == "params" || (name is null && parameters is null && ParamsPattern.IsMatch(cell)))
            {
                parameters = cell;
            }
            else if (name == "backend" || (name is null && backend is null && cell.Length > 0 && !char.IsDigit(cell[0])))
            {
                backend = cell;
            }
            else if (name is "ngl" or "n_gpu_layers")
            {
                ngl = Int(cell);
            }
        }

        var dimensions = inherited.Clone();
        dimensions.Producer = Producer;
        dimensions.Test = test;
        dimensions.Model = ModelName(cells[0], size, parameters);
        dimensions.Backend = backend ?? dimensions.Backend;
        dimensions.NumGpu = ngl ?? dimensions.NumGpu;
        var metric = MetricOf(test);
        var record = new BenchmarkRecord(dimensions, location);
        ProducerFigures.Add(sink, record, RateField(metric, Insight.Statistic.Mean), double.Parse(rate.Groups["mean"].Value, CultureInfo.InvariantCulture), "t/s");
        ProducerFigures.Add(sink, record, RateField(metric, Insight.Statistic.StdDev), double.Parse(rate.Groups["std"].Value, CultureInfo.InvariantCulture), "t/s");
        sink.Add(record);
        return true;
    }

    /// <summary>A row of a llama-bench markdown table: a test cell and a <c>mean ± std</c> rate last.</summary>
    public static bool IsMarkdownRow(IReadOnlyList<string> cells) =>
        cells.Count >= 3 && RatePattern.IsMatch(cells[cells.Count - 1]) && cells.Skip(1).Take(cells.Count - 2).Any(c => TestPattern.IsMatch(c));

    /// <summary>The markdown header of a llama-bench table: it names model, test and t/s.</summary>
    public static bool IsMarkdownHeader(IReadOnlyList<string> cells) =>
        cells.Count >= 3 && cells[0].Equals("model", StringComparison.OrdinalIgnoreCase)
        && cells.Any(c => c.Equals("test", StringComparison.OrdinalIgnoreCase)) && cells[cells.Count - 1].Equals("t/s", StringComparison.OrdinalIgnoreCase);

    private static string MetricOf(string test) =>
        test.IndexOf('+') >= 0 ? CombinedMetric : test.StartsWith("pp", StringComparison.Ordinal) ? CanonicalMetric.PromptTokensPerSecond : CanonicalMetric.TokensPerSecond;

    private static FieldMapping RateField(string metric, string? statistic) =>
        metric == CombinedMetric ? ProducerFigures.OwnField(metric, "tok/s", statistic) : ProducerFigures.Field(metric, statistic);

    private static string ModelName(string type, string? size, string? parameters)
    {
        var name = type.Trim();
        if (size is null && parameters is null)
        {
            return name;
        }

        return name + " (" + string.Join(", ", new[] { size, parameters }.Where(p => p is not null)) + ")";
    }

    /// <summary>As the markdown printer writes a size: MiB below 1 GiB, else GiB, two decimals.</summary>
    private static string? SizeText(double? bytes) => bytes switch
    {
        null => null,
        < 1024.0 * 1024 * 1024 => (bytes.Value / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes.Value / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
    };

    /// <summary>As the markdown printer writes parameters: M below a billion, else B, two decimals.</summary>
    private static string? ParamsText(double? count) => count switch
    {
        null => null,
        < 1e9 => (count.Value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        _ => (count.Value / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " B",
    };

    private static string? Clean(string? text) => text is null || text.Trim().Length == 0 ? null : text.Trim().Trim('"', '\'');

    private static double? Double(string? text) =>
        Clean(text) is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && ProducerFigures.IsFinite(v) ? v : null;

    private static int? Int(string? text) => ProducerFigures.Whole(Double(text));

    /// <summary>The numbers of <c>[ 1.5, 2 ]</c> or a CSV/SQL cell holding them space-separated.</summary>
    private static List<double> Numbers(string? text)
    {
        var numbers = new List<double>();
        if (Clean(text) is not { } t)
        {
            return numbers;
        }

        foreach (var piece in t.Trim('[', ']').Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(piece, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && ProducerFigures.IsFinite(v))
            {
                numbers.Add(v);
            }
        }

        return numbers;
    }
}
