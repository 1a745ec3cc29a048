using Xunit;
using System.Globalization;
using System.Text;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public sealed class CsvArtifactReaderTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    // The shape of an Ollama parameter sweep: every change of num_ctx reloads the model (a cold first row).
    private const string Sweep =
        "\"timestamp\",\"model\",\"num_gpu\",\"num_ctx\",\"temperature\",\"ttft_s\",\"tokens_s\",\"load_s\",\"prompt_eval_s\",\"eval_s\",\"prompt_eval_count\",\"eval_count\",\"total_tokens\",\"error\"\n" +
        "\"2025-09-30T20:11:33\",\"llama3.1:8b\",\"80\",\"1024\",\"0.2\",\"3.1338\",\"77.51\",\"2.995\",\"0.1387\",\"1.5353\",\"25\",\"119\",\"144\",\"\"\n" +
        "\"2025-09-30T20:11:35\",\"llama3.1:8b\",\"80\",\"1024\",\"0.4\",\"0.0791\",\"77.83\",\"0.0762\",\"0.0028\",\"1.4261\",\"25\",\"111\",\"136\",\"\"\n" +
        "\"2025-09-30T20:11:36\",\"llama3.1:8b\",\"80\",\"1024\",\"0.8\",\"0.1013\",\"77.76\",\"0.0988\",\"0.0025\",\"1.5047\",\"25\",\"117\",\"142\",\"\"\n" +
        "\"2025-09-30T20:11:41\",\"llama3.1:8b\",\"80\",\"2048\",\"0.2\",\"3.1445\",\"77.51\",\"3.0021\",\"0.1424\",\"1.3031\",\"25\",\"101\",\"126\",\"\"\n" +
        "\"2025-09-30T20:11:43\",\"llama3.1:8b\",\"80\",\"2048\",\"0.4\",\"0.0807\",\"77.67\",\"0.078\",\"0.0027\",\"1.3132\",\"25\",\"102\",\"127\",\"\"\n" +
        "\"2025-09-30T20:11:44\",\"llama3.1:8b\",\"80\",\"2048\",\"0.8\",\"0.0848\",\"77.59\",\"0.0802\",\"0.0046\",\"1.4821\",\"25\",\"115\",\"140\",\"\"\n";

    [Fact]
    public void Reads_a_parameter_sweep_in_canonical_units_with_its_configuration()
    {
        var result = files.Read("ollama_param_tuning.csv", Sweep);
        Assert.Empty(result.Errors);
        var ttft = result.Of("TtftMs");
        Assert.Equal(6, ttft.Count);
        Assert.Equal(3133.8, ttft[0].Value, 6);
        Assert.Equal("ms", ttft[0].Unit);
        Assert.Equal("num_gpu=80, num_ctx=1024, temperature=0.2", ttft[0].Configuration);
        Assert.Equal(80, ttft[0].NumGpu);
        Assert.Equal(1024, ttft[0].NumCtx);
        Assert.Equal(0.2, ttft[0].Temperature);
        Assert.Equal("llama3.1:8b", ttft[0].Model);
        Assert.Equal(new DateTime(2025, 9, 30, 20, 11, 33, DateTimeKind.Utc), ttft[0].Timestamp);
        Assert.Equal(77.51, result.Of("TokensPerSecond")[0].Value);
        Assert.Equal("tok/s", result.Of("TokensPerSecond")[0].Unit);
        Assert.Equal(2995, result.Of("LoadMs")[0].Value, 6);
        Assert.Equal(25, result.Of("PromptTokens")[0].Value);
        Assert.Equal(119, result.Of("OutputTokens")[0].Value);
        Assert.Equal(144, result.Samples.Single(s => s.Metric == "total_tokens" && s.Location!.StartsWith("row 1 ")).Value);
        Assert.Equal("row 1 (line 2)", ttft[0].Location);
    }

    [Fact]
    public void Marks_the_reload_after_each_num_ctx_change_cold_and_the_rest_warm()
    {
        var result = files.Read("sweep.csv", Sweep);
        var phases = result.Of("TtftMs").Select(s => s.Phase).ToArray();
        Assert.Equal([Phase.Cold, Phase.Warm, Phase.Warm, Phase.Cold, Phase.Warm, Phase.Warm], phases);
        // Every value of a cold record is cold.
        Assert.All(result.Samples.Where(s => s.Record == result.Of("TtftMs")[0].Record), s => Assert.Equal(Phase.Cold, s.Phase));
    }

    [Fact]
    public void Values_of_one_row_share_a_record_id_and_rows_differ()
    {
        var result = files.Read("sweep.csv", Sweep);
        var byRecord = result.Samples.GroupBy(s => s.Record).ToList();
        Assert.Equal(6, byRecord.Count);
        Assert.All(byRecord, g => Assert.Single(g.Select(s => s.Location).Distinct()));
    }

    [Fact]
    public void Reads_quantisation_and_prompt_columns_and_judges_cold_starts_per_model()
    {
        const string csv = "\"model\",\"tag\",\"prompt_index\",\"prompt_text\",\"ttft_s\",\"tokens_s\",\"load_s\",\"error\"\n" +
                           "\"m-q4\",\"q4_0\",\"1\",\"Say hi.\",\"0.1382\",\"74.11\",\"0.0704\",\"\"\n" +
                           "\"m-q4\",\"q4_0\",\"2\",\"Say bye.\",\"0.0987\",\"76.96\",\"0.0904\",\"\"\n" +
                           "\"m-q4\",\"q4_0\",\"3\",\"Say what.\",\"0.0837\",\"76.72\",\"0.077\",\"\"\n" +
                           "\"m-q8\",\"q8_0\",\"1\",\"Say hi.\",\"9.6085\",\"46.04\",\"9.1216\",\"\"\n" +
                           "\"m-q8\",\"q8_0\",\"2\",\"Say bye.\",\"0.1554\",\"46.79\",\"0.0933\",\"\"\n" +
                           "\"m-q8\",\"q8_0\",\"3\",\"Say what.\",\"0.0893\",\"46.54\",\"0.0791\",\"\"\n";
        var result = files.Read("quant_bench.csv", csv);
        var ttft = result.Of("TtftMs");
        Assert.Equal("q4_0", ttft[0].Quantization);
        Assert.Equal("Say hi.", ttft[0].Prompt);
        Assert.Equal([Phase.Warm, Phase.Warm, Phase.Warm, Phase.Cold, Phase.Warm, Phase.Warm], ttft.Select(s => s.Phase).ToArray());
    }

    [Fact]
    public void Keeps_every_metric_of_a_failed_row_as_failed_with_its_error()
    {
        const string csv = "model,ttft_s,tokens_s,load_s,eval_count,error\n" +
                           "g,0.12,101.2,0.08,300,\n" +
                           "g,0,0,0,0,\"context deadline exceeded\"\n" +
                           "g,,,,,timeout\n";
        var result = files.Read("run.csv", csv);
        Assert.Empty(result.Errors);
        var failed = result.Samples.Where(s => s.Failed).ToList();
        Assert.Equal(8, failed.Count);
        Assert.All(failed, s => Assert.True(double.IsNaN(s.Value)));
        Assert.Equal(4, failed.Count(s => s.Error == "context deadline exceeded"));
        Assert.Equal(["TtftMs", "TokensPerSecond", "LoadMs", "OutputTokens"], failed.Where(s => s.Error == "timeout").Select(s => s.Metric).ToArray());
        Assert.All(result.Samples.Where(s => !s.Failed), s => Assert.Null(s.Error));
    }

    [Theory]
    [InlineData("status", "error", true)]
    [InlineData("status", "ok", false)]
    [InlineData("Success", "FALSE", true)]
    [InlineData("Success", "TRUE", false)]
    public void Reads_status_and_success_columns(string column, string value, bool failed)
    {
        var result = files.Read("status.csv", $"ttft_ms,{column}\n120.5,{value}\n");
        Assert.Equal(failed, result.Samples.Single().Failed);
    }

    [Fact]
    public void Gives_a_unitless_time_column_its_siblings_unit_and_a_summary_its_statistic()
    {
        const string csv = "num_gpu,num_ctx,temperature,mean_tokens_s,mean_ttft_s,mean_load_s,prompt_eval,eval_s_mean\n" +
                           "40,1024,0.2,77.29,3.2022,3.0547,0.1475,1.4103\n" +
                           "40,1024,0.4,78.42,0.0878,0.0833,0.0045,1.4155\n";
        var result = files.Read("summary.csv", csv);
        var promptEval = result.Of("PromptEvalMs", "Mean");
        Assert.Equal(147.5, promptEval[0].Value, 6);
        Assert.Equal(2, result.Of("TtftMs", "Mean").Count);
        Assert.Equal(1410.3, result.Of("EvalMs", "Mean")[0].Value, 6);
        Assert.DoesNotContain(result.Samples, s => s.Statistic == Statistic.Sample);
    }

    [Fact]
    public void Reads_an_options_column_holding_json()
    {
        var result = files.Read("options.csv", "model,options,ttft_ms\ng,\"{\"\"num_gpu\"\":80,\"\"num_ctx\"\":512,\"\"temperature\"\":1.0,\"\"top_k\"\":40}\",130\n");
        var sample = result.Samples.Single();
        Assert.Equal("num_gpu=80, num_ctx=512, temperature=1, top_k=40", sample.Configuration);
    }

    [Fact]
    public void Takes_the_configuration_from_file_and_folder_names()
    {
        var folder = files.Read(Path.Combine("chimera_homo_gpu80_ctx512", "run_1", "metrics.csv"), "ttft_ms\n120\n").Samples.Single();
        Assert.Equal("num_gpu=80, num_ctx=512", folder.Configuration);
        var name = files.Read("bench_g60_c2048_t0.8.csv", "ttft_ms\n120\n").Samples.Single();
        Assert.Equal("num_gpu=60, num_ctx=2048, temperature=0.8", name.Configuration);
        var content = files.Read(Path.Combine("gpu80_ctx512_temp1", "x.csv"), "num_ctx,ttft_ms\n4096,120\n").Samples.Single();
        Assert.Equal("num_gpu=80, num_ctx=4096, temperature=1", content.Configuration);
    }

    [Fact]
    public void Reads_semicolon_files_with_decimal_commas()
    {
        var result = files.Read("export.csv", "model;ttft_ms;tokens_s\r\ngemma3;124,5;104,25\r\ngemma3;1.234;99\r\n");
        Assert.Equal(124.5, result.Of("TtftMs")[0].Value);
        Assert.Equal(104.25, result.Of("TokensPerSecond")[0].Value);
        var error = Assert.Single(result.Errors);
        Assert.Contains("row 2", error.Location);
        Assert.Contains("ambiguous", error.Reason);
        Assert.Single(result.Of("TtftMs"));
        Assert.Equal(2, result.Of("TokensPerSecond").Count);
    }

    [Fact]
    public void Reads_the_same_numbers_in_a_de_DE_session()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            var result = files.Read("sweep.csv", Sweep);
            Assert.Equal(3133.8, result.Of("TtftMs")[0].Value, 6);
            Assert.Equal("num_gpu=80, num_ctx=1024, temperature=0.2", result.Of("TtftMs")[0].Configuration);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Refuses_thousands_separators_and_other_commas_in_numbers_and_keeps_the_rest()
    {
        var result = files.Read("grouping.csv", "ttft_ms,eval_count\n\"1,234.5\",\"1,200\"\n\"1,5\",300\n");
        Assert.Empty(result.Of("TtftMs"));
        Assert.Equal([300.0], result.Of("OutputTokens").Values());
        Assert.Equal(3, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Location == "row 1 (line 2)" && e.Reason.Contains("column 'ttft_ms'") && e.Reason.Contains("thousands separator"));
        Assert.Contains(result.Errors, e => e.Location == "row 2 (line 3)" && e.Reason.Contains("column 'ttft_ms'"));
    }

    [Theory]
    [InlineData("NaN", "not a finite number")]
    [InlineData("Infinity", "not a finite number")]
    [InlineData("N/A", "no value")]
    [InlineData("", "empty value")]
    [InlineData("-0.5", "negative")]
    [InlineData("90000", "over a day")]
    public void Refuses_impossible_figures_with_an_error_and_keeps_the_rest_of_the_row(string ttft, string reason)
    {
        var result = files.Read("bad.csv", $"ttft_s,tokens_s\n{ttft},101.5\n0.12,99\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal("row 1 (line 2)", error.Location);
        Assert.Contains(reason, error.Reason);
        Assert.Contains("ttft_s", error.Reason);
        Assert.EndsWith("bad.csv", error.Source);
        Assert.Equal([120.0], result.Of("TtftMs").Values());
        Assert.Equal(2, result.Of("TokensPerSecond").Count);
        Assert.All(result.Samples, s => Assert.True(double.IsFinite(s.Value) && s.Value >= 0));
    }

    [Fact]
    public void Skips_ragged_rows_with_an_error_and_reads_the_good_ones()
    {
        var result = files.Read("ragged.csv", "model,ttft_ms,tokens_s\ng,120,100\ng,130\ng,140,101,extra\ng,150,102\n");
        Assert.Equal([120.0, 150.0], result.Of("TtftMs").Values());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("where the header has 3", e.Reason));
        Assert.Contains(result.Errors, e => e.Location!.Contains("line 3"));
    }

    [Fact]
    public void Survives_an_unbalanced_quote_and_reads_the_lines_after_it()
    {
        var result = files.Read("quote.csv", "prompt,ttft_ms\n\"fine\",120\n\"broken,130\n\"fine again\",140\nplain,150\n");
        Assert.NotEmpty(result.Errors);
        Assert.Contains(120.0, result.Of("TtftMs").Values());
        Assert.Contains(150.0, result.Of("TtftMs").Values());
    }

    [Fact]
    public void Reports_empty_and_header_only_files()
    {
        Assert.Contains("empty", files.Read("empty.csv", "").Errors.Single().Reason);
        Assert.Contains("empty", files.Read("blank.csv", "  \r\n\r\n").Errors.Single().Reason);
        Assert.Contains("no data rows", files.Read("header.csv", "model,ttft_ms\n").Errors.Single().Reason);
    }

    [Fact]
    public void Reports_a_repeated_column_in_every_file_with_that_header()
    {
        const string text = "model,ttft_ms,TTFT_MS\ng,120,999\n";
        foreach (var name in new[] { "first.csv", "second.csv" })
        {
            var result = files.Read(name, text);
            var error = Assert.Single(result.Errors);
            Assert.Equal("header", error.Location);
            Assert.Contains("column 'TTFT_MS' appears more than once; the later one (column 3) is ignored", error.Reason);
            Assert.Equal(120, result.Of("TtftMs").Single().Value);
        }
    }

    [Fact]
    public void Reports_a_header_of_blank_names()
    {
        Assert.Contains("no header row", files.Read("blank-header.csv", " , ,\n1,2,3\n").Errors.Single().Reason);
    }

    [Fact]
    public void Maps_each_header_afresh_and_keeps_no_column_state_between_files()
    {
        // Same header: the second file must not inherit the first one's knowledge that "note" held numbers.
        var numbers = files.Read("a.csv", "model,note,ttft_ms\ng,5,100\n");
        Assert.Equal(5, numbers.Samples.Single(s => s.Metric == "note").Value);
        var words = files.Read("b.csv", "model,note,ttft_ms\ng,fast,110\n");
        Assert.Empty(words.Errors);
        Assert.Equal(110, words.Of("TtftMs").Single().Value);

        // A header that differs by one name, then by the unit in a name: each maps on its own.
        var other = files.Read("c.csv", "model,note,ttft_s\ng,x,0.2\n");
        Assert.Equal(200, other.Of("TtftMs").Single().Value, 6);
        var again = files.Read("d.csv", "model,note,ttft_ms\ng,x,0.2\n");
        Assert.Equal(0.2, again.Of("TtftMs").Single().Value, 6);
    }

    [Fact]
    public void Reads_crlf_and_headers_with_odd_case_and_spaces()
    {
        var result = files.Read("crlf.csv", " Model , TTFT_S ,Tokens_S\r\ng,0.12,101\r\n");
        Assert.Empty(result.Errors);
        Assert.Equal("g", result.Samples[0].Model);
        Assert.Equal(120, result.Of("TtftMs").Single().Value, 6);
        Assert.Equal(101, result.Of("TokensPerSecond").Single().Value);
    }

    [Fact]
    public void Reads_a_twenty_thousand_column_file()
    {
        var header = string.Join(",", Enumerable.Range(0, 20_000).Select(i => "c" + i));
        var row = string.Join(",", Enumerable.Range(0, 20_000).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var result = files.Read("wide.csv", header + "\n" + row + "\n");
        Assert.Empty(result.Errors);
        Assert.Equal(20_000, result.Samples.Count);
        Assert.Equal(19_999, result.Samples.Single(s => s.Metric == "c19999").Value);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-8-bom")]
    public void Reads_utf16_and_utf8_with_a_byte_order_mark(string encodingName)
    {
        Encoding encoding = encodingName switch
        {
            "utf-16" => new UnicodeEncoding(false, true),
            "utf-16BE" => new UnicodeEncoding(true, true),
            _ => new UTF8Encoding(true),
        };
        var path = files.Write("bom.csv", "model,ttft_ms\ngemma3,120.5\n", encoding);
        var result = ArtifactReader.Read(path, ArtifactKind.Csv);
        Assert.Empty(result.Errors);
        Assert.Equal("gemma3", result.Samples.Single().Model);
        Assert.Equal("TtftMs", result.Samples.Single().Metric);
    }

    [Fact]
    public void Reports_invalid_utf8_and_still_reads_the_file()
    {
        var bytes = Encoding.ASCII.GetBytes("prompt,ttft_ms\nab\u0001,120\n");
        bytes[17] = 0xFF;
        var result = ArtifactReader.Read(files.WriteBytes("bad-utf8.csv", bytes), ArtifactKind.Csv);
        var error = Assert.Single(result.Errors);
        Assert.Equal("byte 17", error.Location);
        Assert.Contains("invalid UTF-8", error.Reason);
        Assert.Equal(120, result.Samples.Single().Value);
    }

    [Fact]
    public void Quote_parity_read_eight_bytes_at_a_time_matches_a_plain_count()
    {
        var random = new Random(20261128);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 70)];
            for (var j = 0; j < bytes.Length; j++)
            {
                // Quotes, their neighbours in value and bytes with the top bit set, among ordinary text.
                bytes[j] = (byte)(random.Next(4) switch { 0 => '"', 1 => 0x22 ^ (1 << random.Next(8)), 2 => random.Next(0x80, 0x100), _ => random.Next(0x20, 0x7F) });
            }

            var even = bytes.Count(b => b == (byte)'"') % 2 == 0;
            Assert.Equal(even, CsvArtifactReader.QuotesBalance(bytes));
        }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(31)]
    public void Names_the_first_invalid_byte_wherever_it_falls_among_eight_byte_words(int offset)
    {
        var bytes = Encoding.ASCII.GetBytes("prompt,ttft_ms\nabcdefghijklmnopqrstuvwxyz,120\n");
        bytes[offset] = 0xFF;

        var result = ArtifactReader.Read(files.WriteBytes("bad-utf8-" + offset + ".csv", bytes), ArtifactKind.Csv);

        Assert.Equal("byte " + offset, Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Skips_a_file_over_the_size_limit_without_reading_it()
    {
        var result = files.Read("big.csv", "ttft_ms\n" + string.Concat(Enumerable.Repeat("120\n", 100)), new ExtractionOptions { MaxFileSize = 64 });
        Assert.Empty(result.Samples);
        Assert.Contains("over the limit of 64 bytes", result.Errors.Single().Reason);
    }

    [Fact]
    public void Refuses_binary_content()
    {
        var bytes = new byte[512];
        new Random(1).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            bytes[i] = 0;
        }

        var result = ArtifactReader.Read(files.WriteBytes("random.csv", bytes), ArtifactKind.Csv);
        Assert.Empty(result.Samples);
        Assert.Contains(result.Errors, e => e.Reason.Contains("binary"));
    }

    [Fact]
    public void Reports_a_missing_file()
    {
        var result = ArtifactReader.Read(Path.Combine(files.Root, "nope.csv"), ArtifactKind.Csv);
        Assert.Contains("does not exist", result.Errors.Single().Reason);
    }

    [Fact]
    public void Derives_throughput_from_ollama_counts_and_nanosecond_durations()
    {
        var result = files.Read("raw.csv", "model,eval_count,eval_duration,load_duration\ng,300,2500000000,80000000\n");
        Assert.Equal(120, result.Of("TokensPerSecond").Single().Value, 9);
        Assert.Equal(2500, result.Of("EvalMs").Single().Value, 9);
        Assert.Equal(80, result.Of("LoadMs").Single().Value, 9);
    }

    [Fact]
    public void A_derived_throughput_leaves_the_record_id_to_the_figures_read()
    {
        // The same run: one file states its throughput, the other lets it be derived (300 tokens in 2.5 s).
        var stated = files.Read("stated.csv", "model,eval_count,eval_s,tokens_s\ng,300,2.5,120\n");
        var derived = files.Read("derived.csv", "model,eval_count,eval_s\ng,300,2.5\n");
        Assert.Equal(120, derived.Of("TokensPerSecond").Single().Value, 9);
        // A stated throughput identifies the run; a derived one does not, so the ids differ.
        Assert.NotEqual(stated.Samples[0].Record, derived.Samples[0].Record);
        Assert.Single(derived.Samples.Select(s => s.Record).Distinct());
    }
}
