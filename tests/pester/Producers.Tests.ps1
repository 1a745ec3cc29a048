# The standard tools' outputs: a lab folder holding files of every producer, measured as a user would.
BeforeAll {
    Import-Module $env:CHIMERA_INSIGHT_MODULE -Force

    $lab = Join-Path $TestDrive 'lab'
    function Write-Fixture([string] $relative, [string[]] $lines) {
        $path = Join-Path $lab $relative
        New-Item -ItemType Directory -Path (Split-Path $path) -Force | Out-Null
        Set-Content -LiteralPath $path -Encoding utf8 -Value $lines
    }

    Write-Fixture 'vllm/serve_c16.json' '{"backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "max_concurrency": 16, "completed": 95, "failed": 5, "request_throughput": 4.5, "output_throughput": 610.0, "mean_ttft_ms": 120.5, "median_ttft_ms": 110.0, "p99_ttft_ms": 300.0, "mean_itl_ms": 14.0, "mean_tpot_ms": 15.5, "mean_e2el_ms": 2100.0}'
    Write-Fixture 'vllm/serve_down.json' '{"backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "max_concurrency": 64, "completed": 0, "failed": 40, "request_throughput": 0.0, "output_throughput": 0.0, "mean_ttft_ms": 0.0, "p99_ttft_ms": 0.0, "mean_itl_ms": 0.0}'
    Write-Fixture 'sglang/online.jsonl' @(
        '{"backend": "sglang", "request_rate": Infinity, "max_concurrency": 16, "total_output_tokens_retokenized": 900, "median_ttft_ms": 95.5, "median_itl_ms": 12.0, "mean_e2e_latency_ms": 1900.0, "output_throughput": 700.0, "completed": 100}'
        'Traceback (most recent call last): the server closed the connection'
        '{"backend": "sglang", "request_rate": 8.0, "max_concurrency": 16, "total_output_tokens_retokenized": 900, "median_ttft_ms": 85.5, "median_itl_ms": 11.0, "mean_e2e_latency_ms": 1700.0, "output_throughput": 650.0, "completed": 100}')
    Write-Fixture 'aiperf/run1/profile_export_aiperf.json' '{"records": {"request_count": {"unit": "requests", "avg": 30.0, "count": 1}, "error_request_count": {"unit": "requests", "avg": 2.0, "count": 1}, "ttft": {"unit": "ms", "avg": 130.0, "p99": 290.0, "count": 30}, "inter_token_latency": {"unit": "ms", "avg": 15.0, "count": 30}, "output_token_throughput": {"unit": "tokens/sec", "avg": 600.0, "count": 1}}, "input_config": {"endpoint": {"model_names": ["meta-llama/Llama-3.1-8B-Instruct"]}, "loadgen": {"concurrency": 16}}}'
    Write-Fixture 'aiperf/run1/profile_export.jsonl' @(
        '{"metadata": {"credit_phase": "profiling"}, "metrics": {"ttft": {"value": 125.0, "unit": "ms"}, "request_latency": {"value": 2000.0, "unit": "ms"}}, "error": null}'
        '{"metadata": {"credit_phase": "profiling"}, "metrics": {"error_request_count": {"value": 1, "unit": "requests"}}, "error": {"code": 500, "type": "ServerError", "message": "upstream reset"}}')
    Write-Fixture 'guidellm/benchmarks.json' '{"benchmarks": [{"type_": "generative_benchmark", "args": {"strategy": {"type_": "concurrent", "streams": 16}}, "worker": {"backend_model": "meta-llama/Llama-3.1-8B-Instruct"}, "request_totals": {"successful": 50, "errored": 1, "incomplete": 0, "total": 51}, "metrics": {"time_to_first_token_ms": {"successful": {"mean": 140.0, "median": 130.0, "std_dev": 10.0, "min": 100.0, "max": 200.0, "percentiles": {"p99": 199.0}}, "errored": {"mean": 0.0}, "incomplete": {"mean": 0.0}, "total": {"mean": 139.0}}, "inter_token_latency_ms": {"successful": {"mean": 15.2}, "errored": {"mean": 0.0}, "incomplete": {"mean": 0.0}, "total": {"mean": 15.2}}}}]}'
    Write-Fixture 'llmperf/run_summary.json' '{"model": "meta-llama/Llama-3.1-8B-Instruct", "num_concurrent_requests": 16, "results_ttft_s_mean": 0.15, "results_ttft_s_quantiles_p99": 0.31, "results_inter_token_latency_s_mean": 0.016, "results_num_completed_requests": 3, "results_number_errors": 1, "results_mean_output_throughput_token_per_s": 580.0}'
    Write-Fixture 'llmperf/run_individual_responses.json' '[{"error_code": null, "error_msg": "", "ttft_s": 0.14, "end_to_end_latency_s": 2.1, "inter_token_latency_s": 0.016, "request_output_throughput_token_per_s": 61.0, "number_input_tokens": 550, "number_output_tokens": 128}, {"error_code": null, "error_msg": "", "ttft_s": 0.16, "end_to_end_latency_s": 2.2, "inter_token_latency_s": 0.017, "request_output_throughput_token_per_s": 58.0, "number_input_tokens": 550, "number_output_tokens": 128}, {"error_code": 429, "error_msg": "rate limited", "ttft_s": 0.2, "end_to_end_latency_s": 0.2, "inter_token_latency_s": 0.2, "request_output_throughput_token_per_s": 5.0, "number_input_tokens": 550, "number_output_tokens": 1}]'
    Write-Fixture 'llama/bench.jsonl' @(
        'ggml_cuda_init: found 1 CUDA devices:'
        '{"model_type": "llama 8B Q4_K - Medium", "model_size": 4920734720, "model_n_params": 8030261248, "backends": "CUDA", "n_gpu_layers": 99, "n_prompt": 512, "n_gen": 0, "n_depth": 0, "avg_ts": 3000.0, "stddev_ts": 10.0, "samples_ts": [2990.0, 3010.0]}'
        '{"model_type": "llama 8B Q4_K - Medium", "model_size": 4920734720, "model_n_params": 8030261248, "backends": "CUDA", "n_gpu_layers": 99, "n_prompt": 0, "n_gen": 128, "n_depth": 0, "avg_ts": 120.0, "stddev_ts": 1.0, "samples_ts": [119.0, 121.0]}')
    Write-Fixture 'llama/bench-run.txt' @(
        'load_tensors: offloaded 33/33 layers to GPU'
        '| model                          |       size |     params | backend    | ngl |            test |                  t/s |'
        '| ------------------------------ | ---------: | ---------: | ---------- | --: | --------------: | -------------------: |'
        '| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |    pp512 @ d4096 |       2500.50 ± 12.25 |'
        'build: 1c1409e1 (6865)')
    Write-Fixture 'ollama/generate.md' @(
        '# A demo', '', 'The model answered:', '', '```json', '{', '  "model": "llama3.1:8b",', '  "created_at": "2025-08-23T17:56:18Z",', '  "response": "Fast.",', '  "done": true,'
        '  "total_duration": 1200000000,', '  "load_duration": 900000000,', '  "prompt_eval_count": 50,', '  "prompt_eval_duration": 100000000,', '  "eval_count": 20,', '  "eval_duration": 200000000', '}', '```')
    Write-Fixture 'ollama/verbose.log' @(
        '$ ollama run llama3.1:8b --verbose', 'Hello there.', 'total duration:       1.5s', 'load duration:        20ms', 'eval count:           60 token(s)', 'eval duration:        1s', 'eval rate:            60.00 tokens/s')
    Write-Fixture 'notes/todo.txt' 'remember to rerun the sweep'
}

Describe 'A folder of every producer' {
    BeforeAll {
        $inventory = Get-BenchmarkInventory $lab
        # What readers say of a file that is no problem (a prompt from Ollama's cache) is verbose output.
        $output = $inventory | Measure-BenchmarkMetrics -Verbose -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable problems -ErrorAction SilentlyContinue 4>&1
        $metrics = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
    }

    It 'finds text files that hold benchmark output and passes over other text' {
        ($inventory | Where-Object Kind -eq 'Text').Name | Sort-Object | Should -Be @('bench-run.txt', 'verbose.log')
        $inventory.Name | Should -Not -Contain 'todo.txt'
        $problems | Should -BeNullOrEmpty
    }

    It 'names each figure by its canonical metric, producer and model' {
        $producers = $metrics.Producer | Sort-Object -Unique
        $producers | Should -Be @('aiperf', 'guidellm', 'llama-bench', 'llmperf', 'ollama', 'sglang', 'vllm')
        $metrics.Metric | Should -Not -Contain 'mean_itl_ms'
        $metrics.Metric | Should -Not -Contain 'avg'
        $p99 = $metrics | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Statistic -eq 'P99' -and $_.Producer -eq 'vllm' -and $_.Concurrency -eq 16 }
        $p99.Mean | Should -Be 300.0
        $p99.Model | Should -Be 'meta-llama/Llama-3.1-8B-Instruct'
        $p99.Count | Should -Be 95
    }

    It 'counts every failed request and lets no placeholder zero into a statistic' {
        ($metrics | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Producer -eq 'vllm' -and $_.Concurrency -eq 64 -and $_.Statistic -eq 'Mean' }).FailedCount | Should -Be 40
        $metrics | Where-Object { $_.Producer -eq 'vllm' -and $_.Mean -eq 0 } | Should -BeNullOrEmpty
        ($metrics | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Producer -eq 'llmperf' -and $_.Origin -eq 'Measured' }).FailedCount | Should -Be 1
        ($metrics | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Producer -eq 'aiperf' -and $_.Origin -eq 'Measured' }).FailedCount | Should -Be 1
        ($metrics | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Producer -eq 'guidellm' -and $_.Statistic -eq 'Mean' }).FailedCount | Should -Be 1
    }

    It 'keeps prompt processing apart from generation and depth apart in llama-bench' {
        $pp = $metrics | Where-Object { $_.Metric -eq 'PromptTokensPerSecond' -and $_.Producer -eq 'llama-bench' -and $_.Statistic -ne 'StdDev' }
        $pp.Test | Sort-Object | Should -Be @('pp512', 'pp512 @ d4096')
        ($metrics | Where-Object { $_.Metric -eq 'TokensPerSecond' -and $_.Producer -eq 'llama-bench' }).Mean | Should -Be 120.0
    }

    It 'reads Ollama responses pasted in Markdown and --verbose statistics in logs' {
        $rates = $metrics | Where-Object { $_.Metric -eq 'TokensPerSecond' -and $_.Producer -eq 'ollama' }
        ($rates.Values | Sort-Object) | Should -Be @(60.0, 100.0)
        ($metrics | Where-Object { $_.Metric -eq 'PromptTokensPerSecond' -and $_.Producer -eq 'ollama' }).Mean | Should -Be 500.0
        $verbose | Where-Object { "$_" -match 'cache' } | Should -Not -BeNullOrEmpty
    }

    It 'keeps producer, concurrency, test and run on samples that came back deserialized (jobs, remoting)' {
        $samples = Get-BenchmarkInventory $lab | Get-BenchmarkSample -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $copies = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($samples, 2))
        $copies[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Chimera.Insight.BenchmarkSample'
        @($copies | Where-Object Producer).Count | Should -Be @($samples | Where-Object Producer).Count
        $key = { '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}|{8}' -f $_.Metric, $_.Model, $_.Producer, $_.Concurrency, $_.Test, $_.Run, $_.Statistic, $_.Count, $_.Mean }
        $live = $samples | Measure-BenchmarkMetrics -WarningAction SilentlyContinue | ForEach-Object $key | Sort-Object
        $back = $copies | Measure-BenchmarkMetrics -WarningAction SilentlyContinue | ForEach-Object $key | Sort-Object
        $back | Should -Be $live
    }

    It 'compares an AIPerf run with a vLLM run of the same model like with like, and refuses unlike ITL definitions' {
        $vllm = Get-ChildItem (Join-Path $lab 'vllm/serve_c16.json')
        $aiperf = Get-ChildItem (Join-Path $lab 'aiperf/run1/profile_export_aiperf.json')
        $comparison = Compare-BenchmarkMetrics -ReferenceObject $vllm -DifferenceObject $aiperf -WarningAction SilentlyContinue
        $ttft = $comparison | Where-Object { $_.Metric -eq 'TtftMs' -and $_.Statistic -eq 'P99' }
        $ttft.Status | Should -Be 'Matched'
        # Both define TTFT alike; a stated P99 has no spread to test, so the verdict waits on that, not on the definitions.
        $ttft.Basis | Should -Not -Be 'DefinitionsDiffer'
        $itl = $comparison | Where-Object { $_.Metric -eq 'ItlMs' -and $_.Statistic -eq 'Mean' }
        $itl.Verdict | Should -Be 'Inconclusive'
        $itl.Reason | Should -Match 'per gap'
    }
}
