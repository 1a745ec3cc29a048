@{
    Synopsis    = 'Lists the benchmark artifacts (CSV, JSON, JSONL, Markdown) below one or more folders, with content hashes, duplicates, families and run times.'
    Description = @'
Get-BenchmarkInventory walks the given folders (recursively unless -Depth says otherwise) and emits one Chimera.Insight.BenchmarkFile for each benchmark artifact it finds, as soon as it finds it. Files ending in .csv are Csv; .json, .jsonl and .ndjson are Json; .md and .markdown are Markdown. Every other file is passed over: -Verbose names each one and the -Summary counts them as skipped. Hidden files and folders (such as .git) are left out unless -Force is given, as with Get-ChildItem.

Each file carries its path relative to the folder it was found under (RelativePath), its size and last write time (UTC), an XxHash128 of its content (ContentHash), and DuplicateOf: the RelativePath of the first file in this inventory with identical content. Within a folder, files are visited in ordinal name order before its subfolders, so the result is the same on every run and every machine.

Family is the file name with run time stamps and ids removed: conv_bench_20251002-170837.json and conv_bench_20251003-090000.md are both of family conv_bench, and baseline_test_results_1759098967.json (Unix seconds) is of family baseline_test_results. A file inside run folders (run_1, trial-2, 20251002-151204, ...) belongs to the experiment that holds the runs, so the nearest other folder names it: chimera_homo_gpu80_ctx512/run_3/summary.json is of family chimera_homo_gpu80_ctx512/summary. RunTimestamp is the time stamp read from the name, else from the nearest run folder's name; times written in names carry no zone and are returned as they are written (Unix times are UTC).

With -Summary, one Chimera.Insight.BenchmarkInventorySummary is emitted instead: counts, shares, bytes and latest change per kind, duplicate groups, families with their counts, and the files passed over.

Problems never stop the walk: a path that does not exist, a file or folder that cannot be read, a dangling link, a file that disappears while the inventory is taken, or a FIFO, device or socket named like an artifact (which is never opened) each write a non-terminating error naming the path, and the other paths are still walked. Links to folders are not entered unless -FollowSymlink is given; then a link that leads back to a folder above it is reported and not followed.
'@
    Parameters  = @{
        Path          = 'The folders or files to inventory. Wildcards are allowed. Accepts strings from the pipeline, and objects with a Path property. When neither -Path nor -LiteralPath is given, the current folder is inventoried. A path that resolves to nothing writes a PathNotFound error and the other paths are still walked.'
        LiteralPath   = 'The folders or files to inventory, taken exactly as written (no wildcards). Bound from the PSPath property of piped objects, so Get-ChildItem | Get-BenchmarkInventory works.'
        Depth         = 'How many folder levels below each path to enter. 0 lists only the files directly in the path; 1 also those in its subfolders; and so on. Without -Depth there is no limit.'
        Include       = 'Only files whose names match one of these wildcards (for example *bench*). Folders are always entered.'
        Exclude       = 'Leave out files whose names match one of these wildcards (for example *_summary.*).'
        Kind          = 'Only these kinds of artifact: Csv, Json, Markdown.'
        Since         = 'Only files last written at or after this time. A time without a zone is taken as local time.'
        Before        = 'Only files last written before this time. A time without a zone is taken as local time.'
        FollowSymlink = 'Enter links to folders as well. A link that leads back to one of the folders above it is reported as a LinkLoop error and not entered. Links to files are always read.'
        Force         = 'Also look at hidden files and enter hidden folders: names starting with a dot (such as .git or .cache) and, on Windows, items marked hidden. Without it they are left out, as Get-ChildItem leaves them out, and -Verbose names each hidden folder not entered. A path you name is walked even when it is hidden.'
        Summary       = 'Emit one Chimera.Insight.BenchmarkInventorySummary for all the paths instead of the files: per kind count, share, bytes and latest change, duplicate groups, families and the files passed over.'
    }
    Examples    = @(
        @{
            Code    = 'Get-BenchmarkInventory ./reports'
            Remarks = 'Lists every CSV, JSON and Markdown artifact below ./reports, with its kind, size, last write time, family and the file it duplicates.'
        }
        @{
            Code    = 'Get-BenchmarkInventory ./reports -Summary'
            Remarks = 'Summarises the artifacts below ./reports: how many of each kind, their share and bytes, the latest change per kind, duplicate groups, families and the files passed over.'
        }
        @{
            Code    = "Get-BenchmarkInventory ./reports -Kind Json -Since (Get-Date).AddDays(-7) | Where-Object DuplicateOf"
            Remarks = 'Lists the JSON artifacts written in the last seven days that repeat the content of another file.'
        }
        @{
            Code    = 'Get-ChildItem ./lab -Directory -Filter ''*-2025*'' | Get-BenchmarkInventory -Depth 1 -Exclude ''*_draft*'''
            Remarks = 'Inventories the folders Get-ChildItem found (bound through their PSPath), one level deep, leaving out drafts.'
        }
        @{
            Code    = 'Get-BenchmarkInventory ./reports, ./missing -ErrorVariable problems | Group-Object Family | Sort-Object Count -Descending'
            Remarks = 'Counts the artifacts per family. ./missing does not exist: it writes one PathNotFound error, collected in $problems, and ./reports is still walked.'
        }
    )
    Inputs      = @('System.String', 'System.IO.FileSystemInfo (by its PSPath property)')
    Notes       = 'Files are hashed a few at a time on worker threads while the walk goes on; objects, errors and progress are all written from the pipeline thread, in walk order. Press Ctrl+C to stop a long walk at once. Use -Verbose to see each file passed over and each folder link not followed.'
    Links       = @('Measure-BenchmarkMetrics', 'Get-BenchmarkSample')
}
