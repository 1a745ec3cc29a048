using System.Net;
using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>A small builder for one self-contained HTML page: inline CSS, one inline script allowed by its hash
/// (the table filter), everything from data escaped.</summary>
internal sealed class HtmlDocument
{
    private const string Style = """
        :root { --ink:#1d2430; --muted:#5b6575; --line:#dde2ea; --accent:#2f6fb3; --warn:#b5472f; --ok:#2e7d4f; --bg:#f6f8fb; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--ink); font:15px/1.55 "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 28px 28px 60px; }
        header { border-bottom: 3px solid var(--accent); margin-bottom: 22px; padding-bottom: 12px; }
        h1 { margin: 0 0 8px; font-size: 28px; }
        h2 { margin: 34px 0 12px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 17px; margin: 22px 0 8px; }
        dl.meta { display:grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; color: var(--muted); }
        dl.meta dt { font-weight: 600; color: var(--ink); }
        dl.meta dd { margin: 0; }
        .narrative { background:#fff; border:1px solid var(--line); border-radius:8px; padding: 6px 24px 18px; }
        table { border-collapse: collapse; width: 100%; margin: 10px 0 16px; background:#fff; font-size: 13.5px; }
        th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #eef2f7; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        pre { background:#fff; border:1px solid var(--line); border-radius:6px; padding: 12px; overflow-x: auto; font-size: 13px; }
        code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
        .chart { background:#fff; border:1px solid var(--line); border-radius:8px; padding: 8px; margin: 12px 0; overflow-x: auto; }
        .chart svg { max-width: 100%; height: auto; }
        .warning { color: var(--warn); font-weight: 600; }
        .better { color: var(--ok); font-weight: 600; }
        .worse { color: var(--warn); font-weight: 600; }
        ul.findings li, ol.recommendations li { margin: 4px 0; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
        details summary { cursor: pointer; font-weight: 600; }
        mark { background: #ffd9d2; color: var(--warn); padding: 0 2px; border-radius: 3px; }
        p.note { color: var(--warn); font-size: 13px; }
        span.tag { display:inline-block; font-size: 10.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color:#fff; background: var(--warn); border-radius: 3px; padding: 0 5px; margin-right: 2px; vertical-align: 1px; }
        p.lead { color: var(--muted); margin: 4px 0 14px; }
        .models { display:grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 14px; margin: 16px 0 8px; }
        .model { background:#fff; border:1px solid var(--line); border-top: 4px solid var(--accent); border-radius:8px; padding: 12px 16px 10px; }
        .model h3 { margin: 0 0 2px; font-size: 16px; word-break: break-all; }
        .model .setting { color: var(--muted); font-size: 12.5px; margin-bottom: 8px; }
        .model .figs { display:grid; grid-template-columns: 1fr 1fr; gap: 8px 14px; }
        .model .fig .label { color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: .04em; }
        .model .fig .value { font-size: 20px; font-weight: 600; line-height: 1.25; }
        .model .fig .value.bad { color: var(--warn); }
        .model .fig .note { color: var(--muted); font-size: 12px; }
        .model .foot { color: var(--muted); font-size: 12px; margin-top: 8px; border-top: 1px solid var(--line); padding-top: 6px; }
        .strip { display:flex; flex-wrap: wrap; gap: 8px 22px; color: var(--muted); font-size: 13px; margin: 10px 0 0; }
        .strip b { color: var(--ink); }
        h3.model-name { font-size: 15.5px; margin: 18px 0 6px; word-break: break-all; }
        tr.n1 td { color: var(--muted); }
        span.badge { display:inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; background:#eef2f7; color: var(--muted); margin-left: 4px; }
        details.table { background:#fff; border:1px solid var(--line); border-radius:8px; padding: 8px 12px; margin: 8px 0; }
        details.table table { font-size: 12.5px; }
        details.table td:first-child { max-width: 330px; }
        input.filter { width: 100%; max-width: 420px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; margin: 6px 0 4px; }
        @media print {
          body { background: #fff; }
          main { max-width: none; padding: 0; }
          input.filter { display: none; }
          .model, .chart, details.table { break-inside: avoid; }
        }
        """;

    private readonly StringBuilder _html = new();

    public HtmlDocument(string title)
    {
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-").Append(ScriptHash()).Append("'\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Appends trusted markup (built here, by Markdig or by ReportCharts, never raw data).</summary>
    public HtmlDocument Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public HtmlDocument Element(string tag, string? text, string? cssClass = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) _html.Append(" class=\"").Append(cssClass).Append('"');
        _html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }

    public HtmlDocument Heading(string text, int level = 2) => Element("h" + level, text);

    public HtmlDocument Meta(IEnumerable<(string Label, string Value)> items)
    {
        _html.Append("<dl class=\"meta\">\n");
        foreach (var (label, value) in items)
        {
            _html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        }

        _html.Append("</dl>\n");
        return this;
    }

    /// <summary>A table; cells that look numeric are right-aligned. <paramref name="classes"/> optionally styles a cell.</summary>
    public HtmlDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, Func<int, string, string?>? classes = null)
    {
        _html.Append("<table>\n<thead><tr>");
        foreach (var cell in header) _html.Append("<th>").Append(Encode(cell)).Append("</th>");
        _html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var cssClass = classes?.Invoke(i, row[i]) ?? (LooksNumeric(row[i]) ? "num" : null);
                _html.Append(cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">").Append(Encode(row[i])).Append("</td>");
            }

            _html.Append("</tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        return this;
    }

    public HtmlDocument List(IEnumerable<string> items, bool ordered = false, string? cssClass = null, Func<string, string?>? itemClass = null)
    {
        var tag = ordered ? "ol" : "ul";
        _html.Append('<').Append(tag).Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append(">\n");
        foreach (var item in items)
        {
            var css = itemClass?.Invoke(item);
            _html.Append(css is null ? "<li>" : $"<li class=\"{css}\">").Append(Encode(item)).Append("</li>\n");
        }

        _html.Append("</").Append(tag).Append(">\n");
        return this;
    }

    public HtmlDocument Pre(string text) => Raw("<pre>" + Encode(text) + "</pre>\n");

    public HtmlDocument Chart(string? svg)
    {
        if (svg is not null) _html.Append("<div class=\"chart\">\n").Append(svg).Append("\n</div>\n");
        return this;
    }

    /// <summary>The page's one script: the figures table filter, and every collapsed table opened for printing.
    /// Allowed by its hash in the Content-Security-Policy; the page reads fully without it.</summary>
    internal const string Script = """
        (function () {
          var input = document.getElementById('metric-filter');
          if (input) input.addEventListener('input', function () {
            var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
            document.querySelectorAll('details.table').forEach(function (d) {
              var shown = 0;
              d.querySelectorAll('tbody tr').forEach(function (r) {
                var text = r.textContent.toLowerCase() + ' ' + (d.dataset.model || '').toLowerCase();
                var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
                r.hidden = !hit; if (hit) shown++;
              });
              d.hidden = words.length > 0 && shown === 0;
              if (words.length > 0 && shown > 0) d.open = true;
            });
          });
          window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); });
        })();
        """;

    private static string ScriptHash()
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(Script)));
    }

    /// <summary>A collapsed section: the summary line, then its content.</summary>
    public HtmlDocument Collapsed(string summary, Action<HtmlDocument> content, string cssClass = "table", string? model = null)
    {
        _html.Append("<details class=\"").Append(cssClass).Append('"');
        if (model is not null) _html.Append(" data-model=\"").Append(Encode(model)).Append('"');
        _html.Append("><summary>").Append(Encode(summary)).Append("</summary>\n");
        content(this);
        _html.Append("</details>\n");
        return this;
    }

    /// <summary>A table whose rows may carry a class (e.g. "n1") and whose cells are given already escaped where marked.</summary>
    public HtmlDocument RowTable(IReadOnlyList<string> header, IEnumerable<(IReadOnlyList<string> Cells, string? RowClass)> rows, int badgeColumn = -1, string? badge = null)
    {
        _html.Append("<table>\n<thead><tr>");
        foreach (var cell in header) _html.Append("<th>").Append(Encode(cell)).Append("</th>");
        _html.Append("</tr></thead>\n<tbody>\n");
        foreach (var (cells, rowClass) in rows)
        {
            _html.Append(rowClass is null ? "<tr>" : $"<tr class=\"{rowClass}\">");
            for (var i = 0; i < cells.Count; i++)
            {
                _html.Append(LooksNumeric(cells[i]) ? "<td class=\"num\">" : "<td>").Append(Encode(cells[i]));
                if (i == badgeColumn && rowClass == "n1" && badge is not null) _html.Append("<span class=\"badge\">").Append(Encode(badge)).Append("</span>");
                _html.Append("</td>");
            }

            _html.Append("</tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
        return this;
    }

    private bool _filtered;

    /// <summary>The search box that filters the collapsed tables (and with it, the page's script).</summary>
    public HtmlDocument FilterBox(string placeholder)
    {
        _filtered = true;
        _html.Append("<input class=\"filter\" id=\"metric-filter\" type=\"search\" placeholder=\"").Append(Encode(placeholder)).Append("\">\n");
        return this;
    }

    public override string ToString() =>
        _html.ToString() + (_filtered ? "<script>" + Script + "</script>\n" : "") + "</main>\n</body>\n</html>\n";

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && cell.Length < 24 && (char.IsDigit(cell[0]) || ((cell[0] == '-' || cell[0] == '+' || cell[0] == '<') && cell.Length > 1 && char.IsDigit(cell[1]))) &&
        cell.All(c => char.IsDigit(c) || " .,%+-±<xmstok/()".IndexOf(c) >= 0);
}
