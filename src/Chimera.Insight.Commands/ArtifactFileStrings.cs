namespace Chimera.Insight.Commands;

/// <summary>The messages of Get-BenchmarkSample and Get-BenchmarkRecord, in one place.</summary>
internal static class ArtifactFileStrings
{
    public const string InvalidDataErrorId = "InvalidBenchmarkData";
    public const string PathNotFoundErrorId = "PathNotFound";
    public const string NotAFileSystemPathErrorId = "NotAFileSystemPath";
    public const string UnknownKindErrorId = "UnknownArtifactKind";
    public const string DirectoryErrorId = "PathIsDirectory";

    public const string PathNotFound = "Cannot find path '{0}' because it does not exist.";
    public const string NotAFileSystemPath = "'{0}' is not a file system path (provider {1}).";
    public const string UnknownKind = "Cannot tell what kind of artifact '{0}' is: its extension is not .csv, .tsv, .json, .jsonl, .ndjson, .md or .markdown. Give -Kind Csv, Json or Markdown.";
    public const string InvalidKind = "'{1}' is not an artifact kind for '{0}'; use Csv, Json or Markdown.";
    public const string SkippedDirectory = "'{0}' is a directory, not an artifact: use Get-BenchmarkInventory (or Get-ChildItem -Recurse -File) to find the artifacts in a folder and pipe them here.";
    public const string SkippedUnknownKind = "Skipping '{0}': not a CSV, JSON or Markdown artifact.";
    public const string Reading = "Reading {0} ({1})";
    public const string Read = "{0}: {1} record(s), {2} problem(s)";
}
