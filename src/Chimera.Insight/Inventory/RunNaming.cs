using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Inventory;

/// <summary>
/// Reads the run marks benchmark tools put in file and folder names, and what is left once they are
/// removed (the family):
/// <list type="bullet">
/// <item>date and time: <c>conv_bench_20251002-170837</c>, <c>ascii_demo_20251004_143244</c>,
/// <c>2025-10-02T17-08-37Z</c>, <c>20251002T170837</c>, date alone: <c>lessons_20251002</c>, <c>2025-10-02</c>;</item>
/// <item>Unix time in seconds or milliseconds: <c>baseline_test_results_1759098967</c> (years 2000 to 2100 only);</item>
/// <item>run counters: <c>run_3</c>, <c>run-3</c>, <c>run3</c>, <c>trial_2</c>, <c>rep_1</c>, <c>iter_4</c>, <c>attempt_2</c>;</item>
/// <item>UUIDs.</item>
/// </list>
/// A mark counts only as a whole token (between separators <c>_ - . space</c> or the ends), so the 2508 of
/// <c>transformer_cuda_pytorch2508</c> (a container version) stays in the family. Times written in a
/// name carry no zone and are returned as <see cref="DateTimeKind.Unspecified"/> (as <see cref="DateTimeKind.Utc"/>
/// with a trailing Z); Unix times are UTC.
/// </summary>
public static partial class RunNaming
{
    private const char Removed = '\u0000';
    private static readonly string RemovedText = Removed.ToString();
    private const string Before = @"(?<![0-9A-Za-z])";
    private const string After = @"(?![0-9A-Za-z])";

    // Only the separators are captured, for the back references that make a date use one separator throughout (and
    // a time likewise): the numbers are read from the match itself (ReadDateTime), so no group objects are made.
    private static readonly Regex DateTimeMark = DateTimeMarkRegex();
    [GeneratedRegex(Before + @"(?:19|20)\d{2}(?<ds>[-_.]?)\d{2}\k<ds>\d{2}" +
        @"(?:[T_\- ]?\d{2}(?<ts>[-_:.]?)\d{2}\k<ts>\d{2}(?:[.,]\d{1,7})?)?Z?" + After, RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeMarkRegex();

    private static readonly Regex UnixTimeMark = UnixTimeMarkRegex();
    [GeneratedRegex(Before + @"(?:\d{13}|\d{10})" + After, RegexOptions.CultureInvariant)]
    private static partial Regex UnixTimeMarkRegex();

    private static readonly Regex RunCounterMark = RunCounterMarkRegex();
    [GeneratedRegex(Before + @"(?:run|trial|rep|repeat|iter|iteration|attempt)[-_]?\d+" + After, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RunCounterMarkRegex();

    private static readonly Regex UuidMark = UuidMarkRegex();
    [GeneratedRegex(Before + @"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" + After, RegexOptions.CultureInvariant)]
    private static partial Regex UuidMarkRegex();

    private static readonly Regex BareRunWord = BareRunWordRegex();
    [GeneratedRegex(@"^(?:runs?|trials?|reps?|repeats?|iter(?:ation)?s?|attempts?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BareRunWordRegex();

    private static readonly DateTime UnixEpoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime EarliestUnixMark = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LatestUnixMark = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly char[] Separators = ['-', '_', '.', ' '];

    /// <summary>The text with every run mark removed, and the first time stamp found in it (else null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Strip(string text, out DateTime? timestamp)
    {
        // Each kind of mark is looked for only where it can be (a date needs 8 digits, a Unix time 10 in a row, a
        // counter its word, a UUID 36 characters): most names need one regular expression, not four.
        var (digits, longestRun) = CountDigits(text);
        DateTime? found = null;
        var marked = digits >= 8 ? MarkTimes(DateTimeMark, text, unixTime: false, ref found) : text;
        marked = longestRun >= 10 ? MarkTimes(UnixTimeMark, marked, unixTime: true, ref found) : marked;
        marked = digits > 0 && HasCounterWord(marked) ? RunCounterMark.Replace(marked, RemovedText) : marked;
        marked = marked.Length >= 36 ? UuidMark.Replace(marked, RemovedText) : marked;
        timestamp = found;
        return marked.IndexOf(Removed) < 0
            ? text
            : WithoutMarks(marked);
    }

    /// <summary>Replaces each time mark <paramref name="mark"/> finds by <see cref="Removed"/>, unless it is no real time
    /// (a 13th month, a Unix time before 2000); the first real one is <paramref name="found"/>, if none was before.</summary>
    private static string MarkTimes(Regex mark, string text, bool unixTime, ref DateTime? found)
    {
        StringBuilder? marked = null;
        var kept = 0;
        for (var match = mark.Match(text); match.Success; match = match.NextMatch())
        {
            var value = unixTime ? ReadUnixTime(text, match.Index, match.Length) : ReadDateTime(text, match.Index, match.Length);
            if (value is null)
            {
                continue;
            }

            found ??= value;
            (marked ??= new StringBuilder(text.Length)).Append(text, kept, match.Index - kept).Append(Removed);
            kept = match.Index + match.Length;
        }

        return marked is null ? text : marked.Append(text, kept, text.Length - kept).ToString();
    }

    /// <summary>The text without its marks, each taking the separators just before it along, and without separators at
    /// either end: <c>bench_\0_v2</c> becomes <c>bench_v2</c>.</summary>
    private static string WithoutMarks(string marked)
    {
        var rest = new StringBuilder(marked.Length);
        foreach (var c in marked)
        {
            if (c != Removed)
            {
                rest.Append(c);
                continue;
            }

            while (rest.Length > 0 && Array.IndexOf(Separators, rest[rest.Length - 1]) >= 0)
            {
                rest.Length--;
            }
        }

        return rest.ToString().Trim(Separators);
    }

    private static (int Digits, int LongestRun) CountDigits(string text)
    {
        int digits = 0, run = 0, longest = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
                longest = Math.Max(longest, ++run);
            }
            else
            {
                run = 0;
            }
        }

        return (digits, longest);
    }

    private static readonly string[] CounterWords = ["run", "trial", "rep", "iter", "attempt"];

    private static bool HasCounterWord(string text)
    {
        foreach (var word in CounterWords)
        {
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a folder that holds one run of an experiment rather than naming one: <c>run_1</c>,
    /// <c>20251002-151204</c>, <c>run_20251002</c>, <c>trial-3</c>.
    /// </summary>
    public static bool IsRunFolder(string name)
    {
        var rest = Strip(name, out _);
        return !string.Equals(rest, name, StringComparison.Ordinal) && (rest.Length == 0 || BareRunWord.IsMatch(rest));
    }

    /// <summary>
    /// The family and run time stamp of a file. The family is the file name without its extension and
    /// run marks. A file inside run folders (<see cref="IsRunFolder"/>) belongs to the experiment that
    /// holds the runs, so the nearest other folder names it: <c>chimera_homo_gpu80_ctx512/run_3/summary.json</c>
    /// and <c>chimera_homo_gpu80_ctx512/run_2/run_1/summary.json</c> are both of family
    /// <c>chimera_homo_gpu80_ctx512/summary</c>. A name that is nothing but a run mark
    /// (<c>reports/20251002-151204.json</c>) takes its folder's family (<c>reports</c>). Without a time
    /// stamp in the name, the nearest run folder's time stamp is the run's.
    /// </summary>
    public static RunName Describe(string fullName) => Describe(fullName, new FolderRuns());

    /// <summary>As <see cref="Describe(string)"/>, reading what the folders say through <paramref name="folders"/>,
    /// which keeps it for the next file of the same folder.</summary>
    internal static RunName Describe(string fullName, FolderRuns folders)
    {
        var stem = Path.GetFileNameWithoutExtension(fullName);
        var family = Strip(stem, out var timestamp);
        var folder = folders.Of(Path.GetDirectoryName(fullName));
        timestamp ??= folder.Timestamp;
        if (family.Length == 0)
        {
            family = folder.Experiment is { Length: > 0 } ? folder.Experiment : stem;
        }
        else if (folder.InsideRun && folder.Experiment is { Length: > 0 })
        {
            family = folder.Experiment + "/" + family;
        }

        return new RunName(family, timestamp);
    }

    /// <summary>What the folder of the last file described says: the files of one folder come one after another, so a
    /// walk keeps one of these and reads each folder's path once.</summary>
    internal sealed class FolderRuns
    {
        private readonly LastKeyMemo<FolderRun> memo = new(ReadFolders);

        internal FolderRun Of(string? path) => memo.Get(path);
    }

    /// <summary>Walks up through run folders to the experiment folder that holds them.</summary>
    private static FolderRun ReadFolders(string? folder)
    {
        var insideRun = false;
        DateTime? timestamp = null;
        while (!string.IsNullOrEmpty(folder))
        {
            var folderName = Path.GetFileName(folder);
            if (string.IsNullOrEmpty(folderName))
            {
                break;
            }

            var folderFamily = Strip(folderName, out var folderTimestamp);
            if (IsRunFolder(folderName))
            {
                insideRun = true;
                timestamp ??= folderTimestamp;
                folder = Path.GetDirectoryName(folder);
                continue;
            }

            return new FolderRun(insideRun, folderFamily, timestamp);
        }

        return new FolderRun(insideRun, null, timestamp);
    }

    /// <summary>What a file's folders say: whether it sits in run folders, the experiment folder's family, and
    /// the nearest run folder's time stamp.</summary>
    internal sealed class FolderRun(bool insideRun, string? experiment, DateTime? timestamp)
    {
        public bool InsideRun { get; } = insideRun;
        public string? Experiment { get; } = experiment;
        public DateTime? Timestamp { get; } = timestamp;
    }

    /// <summary>The time a date mark writes (its shape checked by <see cref="DateTimeMark"/>): a year, month and day, then
    /// perhaps hours, minutes, seconds, a fraction and a Z, each separator one character or none. Null when it names no
    /// real day or time.</summary>
    private static DateTime? ReadDateTime(string text, int start, int length)
    {
        var end = start + length;
        var at = start;
        var year = (int)Digits(text, at, 4);
        at = SkipSeparator(text, at + 4);
        var month = (int)Digits(text, at, 2);
        at = SkipSeparator(text, at + 2);
        var day = (int)Digits(text, at, 2);
        at += 2;
        var kind = text[end - 1] == 'Z' ? DateTimeKind.Utc : DateTimeKind.Unspecified;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        if (at >= end || text[at] == 'Z')
        {
            return new DateTime(year, month, day, 0, 0, 0, kind);
        }

        at = SkipSeparator(text, at);
        var hour = (int)Digits(text, at, 2);
        at = SkipSeparator(text, at + 2);
        var minute = (int)Digits(text, at, 2);
        at = SkipSeparator(text, at + 2);
        var second = (int)Digits(text, at, 2);
        at += 2;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var value = new DateTime(year, month, day, hour, minute, second, kind);
        if (at < end && text[at] is '.' or ',')
        {
            // Up to 7 digits: ticks once padded to 7.
            var digits = end - at - 1 - (kind == DateTimeKind.Utc ? 1 : 0);
            value = value.AddTicks(Digits(text, at + 1, digits) * (long)Math.Pow(10, 7 - digits));
        }

        return value;
    }

    private static int SkipSeparator(string text, int at) => text[at] is >= '0' and <= '9' ? at : at + 1;

    /// <summary>The time a Unix time mark writes (10 digits: seconds, 13: milliseconds); null outside 2000 to 2100.</summary>
    private static DateTime? ReadUnixTime(string text, int start, int length)
    {
        var number = Digits(text, start, length);
        var value = length == 13 ? UnixEpoch.AddMilliseconds(number) : UnixEpoch.AddSeconds(number);
        return value < EarliestUnixMark || value >= LatestUnixMark ? null : value;
    }

    /// <summary>The number the digits at <paramref name="start"/> write, read in place.</summary>
    private static long Digits(string text, int start, int length)
    {
        long value = 0;
        for (var i = start; i < start + length; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }
}

/// <summary>A file's family and the time stamp of its run (null when neither its name nor its run folders carry one).</summary>
public sealed class RunName
{
    public RunName(string family, DateTime? runTimestamp)
    {
        Family = family;
        RunTimestamp = runTimestamp;
    }

    public string Family { get; }

    public DateTime? RunTimestamp { get; }

    public override string ToString() => RunTimestamp is null ? Family : $"{Family} @ {RunTimestamp:O}";
}
