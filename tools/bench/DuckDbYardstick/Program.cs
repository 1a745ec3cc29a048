// Reads a synthetic benchmark corpus (tools/bench/SyntheticCorpus.cs) with DuckDB and prints, as JSON, the warm
// successful TokensPerSecond mean per model (the figure the module's pipeline gives), with the time of the first
// query in this fresh process, of the warm ones after it, and of the settled ones after those.
//   DuckDbYardstick <corpus folder> [warm runs] [settled runs]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

var root = Path.GetFullPath(args[0]).Replace('\'', '_');
var warmRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var settledRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

// One typed query over the three shapes that carry per-request rows: CSV run logs, JSON result files, JSONL logs.
// Failed requests (a non-empty error, success false) are left out; cold ones are those whose load took over a second,
// as the corpus writes them (the module finds them by their load time standing far above the group's).
var query = $$"""
    WITH runs AS (
        SELECT model, tokens_s, load_s
        FROM read_csv('{{root}}/**/*.csv', header = true,
            columns = {'timestamp': 'VARCHAR', 'model': 'VARCHAR', 'num_gpu': 'INTEGER', 'num_ctx': 'INTEGER',
                'temperature': 'DOUBLE', 'ttft_s': 'DOUBLE', 'tokens_s': 'DOUBLE', 'load_s': 'DOUBLE',
                'prompt_eval_s': 'DOUBLE', 'eval_s': 'DOUBLE', 'prompt_eval_count': 'INTEGER', 'eval_count': 'INTEGER',
                'error': 'VARCHAR'})
        WHERE coalesce(error, '') = ''
        UNION ALL
        SELECT model, r.tokens_s, r.load_s
        FROM (SELECT model, unnest(results) AS r
              FROM read_json('{{root}}/**/*.json', format = 'auto',
                  columns = {'model': 'VARCHAR',
                      'results': 'STRUCT(prompt_index INTEGER, success BOOLEAN, ttft_s DOUBLE, tokens_s DOUBLE, load_s DOUBLE, eval_count INTEGER, error VARCHAR)[]'}))
        WHERE r.success
        UNION ALL
        SELECT model, tokens_s, load_s
        FROM read_json('{{root}}/**/*.jsonl', format = 'newline_delimited',
            columns = {'model': 'VARCHAR', 'num_ctx': 'INTEGER', 'success': 'BOOLEAN', 'ttft_s': 'DOUBLE',
                'tokens_s': 'DOUBLE', 'load_s': 'DOUBLE', 'error': 'VARCHAR'})
        WHERE success
    )
    SELECT model, avg(tokens_s) FROM runs WHERE load_s <= 1 GROUP BY model ORDER BY model
    """;

var first = Stopwatch.StartNew();
using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
var means = Run(connection, query);
var firstSeconds = first.Elapsed.TotalSeconds;

var warm = TimeRuns(connection, query, warmRuns);
var settled = TimeRuns(connection, query, settledRuns);
Console.WriteLine(JsonSerializer.Serialize(new
{
    FirstSeconds = firstSeconds,
    WarmSeconds = warm,
    WarmMedianSeconds = Median(warm),
    SettledSeconds = settled,
    SettledMedianSeconds = Median(settled),
    Means = means,
}));

static List<double> TimeRuns(DuckDBConnection connection, string sql, int runs)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        Run(connection, sql);
        times.Add(watch.Elapsed.TotalSeconds);
    }

    times.Sort();
    return times;
}

static double? Median(List<double> sorted) => sorted.Count > 0 ? sorted[(sorted.Count - 1) / 2] : null;

static Dictionary<string, double> Run(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    var means = new Dictionary<string, double>(StringComparer.Ordinal);
    while (reader.Read())
    {
        means[reader.GetString(0)] = reader.GetDouble(1);
    }

    return means;
}
