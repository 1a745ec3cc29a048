using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Renders untrusted Markdown (a model's narrative) to safe, self-contained HTML with Markdig: raw
/// HTML is disabled (shown as text), links become their text and images their alt text, so nothing
/// can load from outside or run.
/// </summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .DisableHtml()
        .Build();

    public static string Render(string? markdown)
    {
        var document = Markdown.Parse(SafeText.Multiline(markdown), Pipeline);
        Neutralise(document);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// Wraps each given figure (line, 1-based column, text as written) in ==mark== so that it renders
    /// highlighted; figures whose text is not found where stated are left alone.
    /// </summary>
    public static string MarkFigures(string markdown, IEnumerable<GroundedFigure> figures)
    {
        var lines = SafeText.Multiline(markdown).Split('\n');
        foreach (var figure in figures.OrderByDescending(f => f.Line).ThenByDescending(f => f.Column))
        {
            var index = figure.Line - 1;
            var start = figure.Column - 1;
            if (index < 0 || index >= lines.Length || start < 0 || string.IsNullOrEmpty(figure.Text) ||
                start + figure.Text.Length > lines[index].Length ||
                string.CompareOrdinal(lines[index], start, figure.Text, 0, figure.Text.Length) != 0)
            {
                continue;
            }

            lines[index] = lines[index].Substring(0, start) + "==" + figure.Text + "==" + lines[index].Substring(start + figure.Text.Length);
        }

        return string.Join("\n", lines);
    }

    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var text = link.IsImage ? (string.IsNullOrEmpty(link.Title) ? PlainText(link) : link.Title!) : PlainText(link);
            link.ReplaceBy(new LiteralInline(text));
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url ?? ""));
        }
    }

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()))
        + string.Concat(container.Descendants<CodeInline>().Select(c => c.Content));
}
