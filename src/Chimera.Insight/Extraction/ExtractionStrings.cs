namespace Chimera.Insight.Extraction;

/// <summary>The reasons extraction errors give, in one place.</summary>
internal static class ExtractionStrings
{
    public const string FileNotFound = "the file does not exist";
    public const string FileTooLarge = "the file is {0:N0} bytes, over the limit of {1:N0} bytes; not read (raise it with -MaxFileSize)";
    public const string FileUnreadable = "the file could not be read: {0}";
    public const string EmptyFile = "the file is empty";
    public const string InvalidUtf8 = "invalid UTF-8 at byte {0}; undecodable bytes were replaced and the rest was read";
    public const string NulBytes = "NUL bytes in the text ({0} line(s), first at line {1}); they were removed";
    public const string BinaryContent = "the file holds binary content (NUL bytes), not text";
    public const string TooManyErrors = "{0} more problem(s) in this file not listed";

    public const string EmptyNumber = "empty value";
    public const string MissingNumber = "no value ('{0}')";
    public const string AmbiguousSeparator = "'{0}' is ambiguous: a thousands separator reads differently from one locale to the next (1,234.5 or 1.2345?), so it is never guessed. Write plain digits with '.' as the decimal point";
    public const string NotANumber = "'{0}' is not a number";
    public const string NotFinite = "'{0}' is not a finite number";
    public const string NegativeValue = "{0} is negative ({1} {2})";
    public const string AbsurdRate = "{0} of {1} {2} is beyond any plausible value (over a million a second)";
    public const string AbsurdValue = "{0} of {1} {2} is beyond any plausible value (over a day)";
    public const string ValueProblem = "{0}: {1}";
    public const string NoteTimes = "{0} ({1} times)";

    public const string CsvNoHeader = "no header row";
    public const string CsvNoRows = "a header but no data rows";
    public const string CsvRagged = "{0} field(s) where the header has {1}; row skipped";
    public const string CsvBadData = "malformed field (stray or unbalanced quote): {0}; row skipped";
    public const string CsvDuplicateColumn = "column '{0}' appears more than once; the later one (column {1}) is ignored";
    public const string CsvParseFailure = "the CSV could not be parsed further: {0}";
    public const string CsvOptionsInvalid = "the options column does not hold a JSON object: {0}";

    public const string JsonInvalid = "invalid JSON: {0}";
    public const string JsonTooDeep = "JSON nested deeper than the limit of {0} levels";
    public const string JsonScalarRoot = "the JSON document is a bare {0}, not an object or array of benchmark records";
    public const string JsonNotAnObject = "array element is a {0}, not an object; skipped";
    public const string JsonDuplicateKey = "duplicate key '{0}'; the last value is used";
    public const string JsonLineInvalid = "invalid JSON on this line: {0}";
    public const string JsonReportInvalid = "looks like an exported InsightReport but could not be read: {0}";
}
