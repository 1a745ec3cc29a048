namespace Chimera.Insight.Extraction;

/// <summary>The notes a Markdown report's tables give in verbose output: what was passed over, and why.</summary>
internal static class MarkdownStrings
{
    public const string NotAFigure = "'{0}' is not a figure";
    public const string NotExact = "'{0}' is not an exact figure";
    public const string CellSkipped = "column '{0}': {1}; cell skipped";
    public const string ItemSkipped = "'{0}': {1}; skipped";
    public const string ChangeColumn = "column '{0}' states changes between subjects, not values of a metric; not read";
    public const string ChangeItem = "'{0}' states a change between subjects, not a value of a metric; not read";
    public const string UnitConflict = "'{0}' is not in a unit of {1}";
    public const string FigureCount = "'{0}' does not hold one figure for each of {1}";
}
