using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting.Grounding;

/// <summary>
/// Reads the claim around each figure of a text: the subject (the models, configuration settings, backend,
/// phase or file its sentence, list item or table row names, else the ones its paragraph, list lead-in or
/// heading names), the metric, the statistic, the unit and the relation (a value; a difference, ratio or
/// percent change between two named subjects; a count; a share; a bound). In a table the header row and
/// the first column say what each cell is; a column headed Δ, change, vs or speedup holds relations.
/// </summary>
internal sealed partial class ClaimReader
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly Regex Comparison = ComparisonRegex();
    [GeneratedRegex(@"(?<![\p{L}])(than|vs\.?|versus|compared (?:to|with)|relative to|against|over|below|above|behind|ahead of|from)\s*(?:the\s+|that of\s+|those of\s+)?\**\s*$", Options)]
    private static partial Regex ComparisonRegex();
    private static readonly Regex ComparisonAhead = ComparisonAheadRegex();
    [GeneratedRegex(@"^[^;]{0,60}?(?<![\p{L}])(than|vs\.?|versus|compared (?:to|with)|relative to|against|over|below|above|behind|ahead of|to)\s*(?:the\s+|that of\s+|those of\s+)?\**\s*$", Options)]
    private static partial Regex ComparisonAheadRegex();
    private static readonly Regex ChangeWords = ChangeWordsRegex();
    [GeneratedRegex(@"(?<![\p{L}])(faster|slower|quicker|higher|lower|more|less|better|worse|greater|smaller|larger|longer|shorter|increase\w*|decrease\w*|drop\w*|gain\w*|improv\w*|reduc\w*|rise|rises|rose|risen|fell|falls?|cut\w*|jump\w*|advantage|penalty|change\w*|delta|difference|gap|speed-?ups?|slow-?downs?|above|below|up|down|adds?|added|saves?|saved|trails?|leads?|ahead|behind|overhead|spread|range|vs\.?|versus|than)(?![\p{L}])|Δ", Options)]
    private static partial Regex ChangeWordsRegex();
    private static readonly Regex ShareWords = ShareWordsRegex();
    [GeneratedRegex(@"(?<![\p{L}])(of (?:the |all |its )?(?:files|runs|requests|samples|groups|figures|calls|records)|share|failure rate|success rate|failed|offload|utili[sz]ation|cv|coefficient|variation|on gpu|in vram)(?![\p{L}])", Options)]
    private static partial Regex ShareWordsRegex();
    private static readonly Regex RelationHeader = RelationHeaderRegex();
    [GeneratedRegex(@"Δ|(?<![\p{L}])(change|delta|diff|difference|vs\.?|versus|speed-?up|improvement|gain|ratio|relative)(?![\p{L}])", Options)]
    private static partial Regex RelationHeaderRegex();
    private static readonly Regex CountBefore = CountBeforeRegex();
    [GeneratedRegex(@"(?<![\p{L}])(n|count|samples|runs|requests|out of)\s*[=:]?\s*\**\s*$", Options)]
    private static partial Regex CountBeforeRegex();
    private static readonly Regex StatisticAfter = StatisticAfterRegex();
    [GeneratedRegex(@"^\s*\**\s*(mean|average|avg|median|p50|p90|p95|p99|std(?:dev)?|sd|min(?:imum)?|max(?:imum)?)(?![\p{L}\p{N}])", Options)]
    private static partial Regex StatisticAfterRegex();
    private static readonly Regex RangeWords = RangeWordsRegex();
    [GeneratedRegex(@"(?<![\p{L}])(range|spread|min-to-max|min to max)(?![\p{L}])", Options)]
    private static partial Regex RangeWordsRegex();
    private static readonly Regex CountNounAfter = CountNounAfterRegex();
    [GeneratedRegex(@"^\s+(?:[\w()-]+\s+){1,2}(requests|runs|samples|calls|iterations|measurements|generations)(?![\p{L}])", Options)]
    private static partial Regex CountNounAfterRegex();
    private static readonly Regex CountHeader = CountHeaderRegex();
    [GeneratedRegex(@"^\W*(n|count|runs|samples|requests|files)\W*$", Options)]
    private static partial Regex CountHeaderRegex();
    private static readonly Regex Possessive = PossessiveRegex();
    [GeneratedRegex(@"(?<![\p{L}])(its|their)(?![\p{L}])", Options)]
    private static partial Regex PossessiveRegex();
    private static readonly Regex ExtremeWords = ExtremeWordsRegex();
    [GeneratedRegex(@"(?<![\p{L}])(best|fastest|quickest|highest|top|lowest|slowest|worst|largest|smallest|longest|shortest|most|least|ranged?|ranging|between|from)(?![\p{L}])", Options)]
    private static partial Regex ExtremeWordsRegex();
    private static readonly Regex NoConfiguration = NoConfigurationRegex();
    [GeneratedRegex(@"(?<![\p{L}])(?:(?:configuration|settings?) (?:was |were |is |are )?not recorded|no (?:recorded )?configuration(?: recorded)?)(?![\p{L}])", Options)]
    private static partial Regex NoConfigurationRegex();
    private static readonly Regex PartOfFailed = PartOfFailedRegex();
    [GeneratedRegex(@"\d\s+of\s*\**\s*$", Options)]
    private static partial Regex PartOfFailedRegex();
    private static readonly Regex FailedAfter = FailedAfterRegex();
    [GeneratedRegex(@"^\W*(?:[\p{L}-]+\s+){0,2}(?:failed|errored)(?![\p{L}])", Options)]
    private static partial Regex FailedAfterRegex();
    private static readonly Regex ModelListSeparator = ModelListSeparatorRegex();
    [GeneratedRegex(@"^[\s*`]*(?:,|,?\s*and)[\s*`]*$", Options)]
    private static partial Regex ModelListSeparatorRegex();
    private static readonly Regex ModelPreposition = ModelPrepositionRegex();
    [GeneratedRegex(@"^[^;.]{0,60}?(?<![\p{L}])(for|of|on|by|from|with|in|at)\s*(?:the\s+)?[`*_(\[]*\s*$", Options)]
    private static partial Regex ModelPrepositionRegex();

    private readonly string[] lines;
    private readonly SubjectVocabulary vocabulary;
    private readonly MetricTopics topics;
    private readonly Dictionary<int, List<Mention>> mentions = new();

    public ClaimReader(string[] lines, SubjectVocabulary vocabulary, MetricTopics topics)
    {
        this.lines = lines;
        this.vocabulary = vocabulary;
        this.topics = topics;
    }

    public Claim Read(WrittenFigure figure)
    {
        var claim = new Claim(figure) { Unit = figure.Unit ?? figure.HeaderUnit, InCell = figure.InTable && IsValueCell(figure) };
        if (figure.InTable && !claim.InCell)
        {
            // A cell holding a sentence reads as prose: its own words say what the figure is, not the row's.
            figure.Topic = GroundingVocabulary.LastTopic(figure.LineText.Substring(figure.SentenceStart, figure.Start - figure.SentenceStart));
            figure.Statistic = GroundingVocabulary.LastStatistic(figure.LineText.Substring(figure.ClauseStart, figure.Start - figure.ClauseStart));
            figure.HeaderUnit = null;
            claim.Unit = figure.Unit;
        }
        ReadStatistic(claim);
        ReadMetric(claim);
        ReadSubject(claim);
        ReadRelation(claim);
        return claim;
    }

    /// <summary>A cell that holds a value (a figure, perhaps with a unit or a word), not a sentence: its header and row say what it is.</summary>
    private static bool IsValueCell(WrittenFigure f)
    {
        var line = f.LineText;
        var start = line.LastIndexOf('|', Math.Max(0, f.Start - 1)) + 1;
        var end = line.IndexOf('|', f.Start);
        if (end < 0) end = line.Length;
        return line.Substring(start, end - start).Trim().Length - f.Text.Length <= 12;
    }

    /// <summary>True when the figure is part of a subject's name (a model named "llama 8B Q4_K (4.58 GiB, 8.03 B)",
    /// a file name): it is no claim.</summary>
    public bool IsInsideName(WrittenFigure f) =>
        MentionsOf(f.LineIndex).Any(m => m.Kind is MentionKind.Model or MentionKind.Source && m.Start <= f.Start && f.UnitEnd <= m.End);

    private List<Mention> MentionsOf(int lineIndex)
    {
        if (!mentions.TryGetValue(lineIndex, out var found))
        {
            mentions[lineIndex] = found = lineIndex >= 0 && lineIndex < lines.Length ? vocabulary.Find(lines[lineIndex]) : new List<Mention>();
        }

        return found;
    }

    // ---- metric ----

    private void ReadMetric(Claim claim)
    {
        var f = claim.Figure;
        var unit = claim.Unit;
        var line = f.LineText;
        MetricTopic? topic;
        if (claim.InCell)
        {
            topic = topics.Last(f.ColumnHeader!) ?? topics.Last(f.RowText ?? "");
            if (topic?.Quantity == Quantity.Setting && GroundingVocabulary.SettingKey(f.ColumnHeader!) is null) topic = null;
            // A unit the row or column label writes beside the metric must agree with it ("TTFT_S (Tokens Per Second)").
            if (f.Unit is null)
            {
                // The metric named once the unit phrases are taken out ("TTFT_S (Tokens Per Second)" names TTFT, in a rate).
                var label = f.ColumnHeader + " · " + (f.RowText ?? "");
                var labelUnits = LabelUnits(label).ToList();
                var named = topics.Last(labelUnits.Aggregate(label, (text, u) => Regex.Replace(text, Regex.Escape(u.Text), " ", RegexOptions.IgnoreCase)));
                if (named is not null && named.Quantity is Quantity.Time or Quantity.Rate && labelUnits.Any(u => u.Quantity is Quantity.Time or Quantity.Rate && u.Quantity != named.Quantity))
                {
                    claim.UnitConflict = true;
                    topic = named;
                }
            }
        }
        else
        {
            // Subjects' names are not metrics: "device=cpu" is no CPU figure.
            var plain = WithoutSubjects(line, MentionsOf(f.LineIndex));
            var clause = topics.Last(plain.Substring(f.ClauseStart, f.Start - f.ClauseStart), settings: false);
            var sentence = topics.Last(plain.Substring(f.SentenceStart, f.Start - f.SentenceStart), settings: false);
            topic = clause ?? sentence;
            if (clause is not null && unit is not null && Conflicts(clause.Quantity, unit.Quantity))
            {
                claim.UnitConflict = true;
            }
            else if (topic is not null && unit is not null && !Compatible(topic.Quantity, unit.Quantity) && !(claim.Statistic == "CV" && unit.Quantity == Quantity.Percent))
            {
                topic = null; // "TTFT of 590 ms and 108 tok/s": the unit says what 108 is
            }
        }

        if (claim.UnitConflict && topic is not null)
        {
            claim.Metrics = topic.Metrics;
            claim.MetricName = topic.Metrics.FirstOrDefault();
            return;
        }

        if (topic is not null)
        {
            claim.Metrics = topic.Metrics;
            claim.MetricName = topic.Metrics.FirstOrDefault();
        }
        else if (unit?.Topic is { } unitTopic)
        {
            claim.MetricName = unitTopic;
        }
    }

    private static string WithoutSubjects(string line, List<Mention> found)
    {
        if (found.Count == 0) return line;
        var chars = line.ToCharArray();
        foreach (var m in found.Where(m => m.Kind is MentionKind.Setting or MentionKind.Model or MentionKind.Source or MentionKind.Backend))
        {
            for (var i = m.Start; i < m.End && i < chars.Length; i++) chars[i] = ' ';
        }

        return new string(chars);
    }

    private static IEnumerable<WrittenUnit> LabelUnits(string label)
    {
        var lower = label.ToLowerInvariant();
        foreach (var unit in GroundingVocabulary.Units.Where(u => !u.NotAClaim && u.Text.Length > 2 && u.Quantity is Quantity.Time or Quantity.Rate))
        {
            var at = lower.IndexOf(unit.Text, StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || !char.IsLetter(lower[at - 1])) && (at + unit.Text.Length >= lower.Length || !char.IsLetter(lower[at + unit.Text.Length])))
            {
                yield return unit;
            }
        }
    }

    private static bool Conflicts(Quantity topic, Quantity unit) =>
        (topic is Quantity.Time && unit is Quantity.Rate) || (topic is Quantity.Rate && unit is Quantity.Time);

    internal static bool Compatible(Quantity topic, Quantity unit) =>
        topic == unit || (topic == Quantity.Setting && unit == Quantity.Tokens) || topic == Quantity.Other || unit == Quantity.Other && topic != Quantity.Setting;

    // ---- statistic ----

    private static void ReadStatistic(Claim claim)
    {
        var f = claim.Figure;
        var line = f.LineText;
        string? statistic;
        if (claim.InCell)
        {
            statistic = GroundingVocabulary.LastStatistic(f.ColumnHeader!) ?? (CountHeader.IsMatch(f.ColumnHeader!) ? Insight.Statistic.Count : null) ??
                        GroundingVocabulary.LastStatistic(f.RowLabel ?? "");
        }
        else
        {
            statistic = GroundingVocabulary.LastStatistic(line.Substring(f.ClauseStart, f.Start - f.ClauseStart));
            var after = StatisticAfter.Match(line.Substring(f.UnitEnd, Math.Max(0, f.SentenceEnd - f.UnitEnd)));
            if (statistic is null && after.Success)
            {
                statistic = GroundingVocabulary.LastStatistic(after.Groups[1].Value);
            }

            var lead = line.Substring(Math.Max(f.SentenceStart, f.Start - 12), f.Start - Math.Max(f.SentenceStart, f.Start - 12));
            if (statistic is null && CountBefore.Match(lead) is { Success: true } count)
            {
                statistic = count.Value.StartsWith("out of", StringComparison.OrdinalIgnoreCase) ? "Attempted" : Insight.Statistic.Count;
            }

            // "2 of 49 runs failed": the figure after "K of" is the runs attempted, failed ones included.
            if (statistic is null && PartOfFailed.IsMatch(lead) && FailedAfter.IsMatch(line.Substring(f.UnitEnd, Math.Max(0, f.SentenceEnd - f.UnitEnd))))
            {
                statistic = "Attempted";
            }
        }

        claim.Statistic = statistic;
        claim.Extreme = !claim.InCell && ExtremeWords.IsMatch(line.Substring(f.SentenceStart, f.Start - f.SentenceStart));
    }

    // ---- subject ----

    private void ReadSubject(Claim claim)
    {
        var f = claim.Figure;
        var lineMentions = MentionsOf(f.LineIndex);
        if (claim.InCell)
        {
            claim.Subject = TableSubject(f, lineMentions);
        }
        else
        {
            var sentence = lineMentions.Where(m => m.Start >= f.SentenceStart && m.End <= f.SentenceEnd).ToList();
            claim.Subject = OwnSubject(f, sentence, out _);
            // "conv · device=cpu · eager · Warm: n=1": a sentence that opens with a group's whole label.
            var colon = f.LineText.IndexOf(": ", f.SentenceStart, f.Start - f.SentenceStart, StringComparison.Ordinal);
            if (colon > f.SentenceStart && vocabulary.IsLabel(f.LineText.Substring(f.SentenceStart, colon - f.SentenceStart).TrimStart('-', ' ', '*')))
            {
                claim.Subject.Label = f.LineText.Substring(f.SentenceStart, colon - f.SentenceStart).TrimStart('-', ' ', '*').Trim().Trim('*', '`', ' ');
            }

            // A sentence in a table cell is still said of its row: a first cell that is a group's whole label names it.
            if (f.InTable && !claim.Subject.NamesGroup && !string.IsNullOrEmpty(f.RowLabel) && vocabulary.IsLabel(f.RowLabel!))
            {
                claim.Subject.Label = f.RowLabel!.Trim().Trim('*', '`', ' ');
            }
        }

        // "- **gemma3:latest**: warm throughput ...; warm TTFT ...; 2 of 49 runs failed": the item's lead names every clause's model.
        if (!claim.InCell && claim.Subject.Model is null && claim.Subject.Models.Count == 0 && claim.Subject.Source is null && claim.Subject.Label is null &&
            LeadSubject(f, lineMentions) is { } lead)
        {
            claim.Subject.Model = lead.Model;
            claim.Subject.Source = lead.Source;
            foreach (var (k, v) in lead.Settings) claim.Subject.Settings.TryAdd(k, v);
        }

        if (!claim.Subject.NamesGroup)
        {
            var context = ContextSubject(f, sameLine: claim.Subject.IsEmpty);
            if (context is not null) claim.Subject.Inherit(context);
        }

        if (!claim.InCell && claim.Subject.Settings.Count == 0 &&
            NoConfiguration.IsMatch(f.LineText.Substring(f.SentenceStart, f.SentenceEnd - f.SentenceStart)))
        {
            claim.Subject.Unconfigured = true;
        }
    }

    /// <summary>The subject a line's lead names ("- **model**: ..."): the words before its first colon, when they name one
    /// model or file and the figure's sentence comes after them.</summary>
    private static ClaimSubject? LeadSubject(WrittenFigure f, List<Mention> lineMentions)
    {
        var line = f.LineText;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 || colon >= f.SentenceStart) return null;
        var lead = line.Substring(0, colon);
        if (lead.IndexOfAny(['.', ';', '|', '!', '?']) >= 0 && !lead.TrimStart().StartsWith("- ", StringComparison.Ordinal)) return null;
        var named = lineMentions.Where(m => m.End <= colon + 1).ToList();
        var subject = Single(named);
        return subject is { Model: not null } or { Source: not null } ? subject : null;
    }

    private ClaimSubject TableSubject(WrittenFigure f, List<Mention> lineMentions)
    {
        var line = f.LineText;
        var subject = new ClaimSubject();
        var cellStart = line.LastIndexOf('|', Math.Max(0, f.Start - 1)) + 1;
        var cellEnd = line.IndexOf('|', f.Start);
        if (cellEnd < 0) cellEnd = line.Length;
        foreach (var m in lineMentions.Where(m => m.End <= cellStart || m.Start >= cellEnd || m.Kind != MentionKind.Setting))
        {
            Apply(subject, m);
        }

        // Cells under a setting's header (| num_ctx | ... |) and a column header naming a subject.
        var header = HeaderCells(f.LineIndex);
        if (header is not null)
        {
            var cells = Split(line);
            for (var c = 0; c < cells.Count && c < header.Count; c++)
            {
                if (GroundingVocabulary.SettingKey(header[c]) is { } key && cells[c].Trim() is { Length: > 0 } value && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    subject.Settings[key] = value;
                }
            }
        }

        foreach (var m in vocabulary.Find(f.ColumnHeader ?? ""))
        {
            if (m.Kind == MentionKind.Model && subject.Model is not null) continue;
            Apply(subject, m);
        }

        // A first cell that is a group's whole label ("Warm", "conv · device=cpu · eager · Warm") names exactly those groups.
        if (!string.IsNullOrEmpty(f.RowLabel) && vocabulary.IsLabel(f.RowLabel!))
        {
            subject.Label = f.RowLabel!.Trim().Trim('*', '`', ' ');
        }

        return subject;
    }

    private List<string>? HeaderCells(int lineIndex)
    {
        for (var k = lineIndex - 1; k >= 1; k--)
        {
            var trimmed = lines[k].Trim();
            if (!trimmed.StartsWith("|", StringComparison.Ordinal)) return null;
            if (trimmed.Replace("|", "").Replace("-", "").Replace(":", "").Trim().Length == 0)
            {
                return Split(lines[k - 1]);
            }
        }

        return null;
    }

    private static List<string> Split(string row)
    {
        var trimmed = row.Trim();
        if (trimmed.StartsWith("|", StringComparison.Ordinal)) trimmed = trimmed.Substring(1);
        if (trimmed.EndsWith("|", StringComparison.Ordinal)) trimmed = trimmed.Substring(0, trimmed.Length - 1);
        return trimmed.Split('|').Select(c => c.Trim()).ToList();
    }

    /// <summary>The subject a sentence gives the figure: the model it names nearest (the one a "for ..." after the figure
    /// names first), with the settings, backend and phase named with it or before any model.</summary>
    private static ClaimSubject OwnSubject(WrittenFigure f, List<Mention> sentence, out int modelIndex)
    {
        var line = f.LineText;
        var models = sentence.Where(m => m.Kind is MentionKind.Model or MentionKind.Source).ToList();
        modelIndex = -1;
        if (models.Count > 0)
        {
            var ahead = models.FindIndex(m => m.Start >= f.UnitEnd);
            var behind = models.FindLastIndex(m => m.End <= f.Start);
            var clauseBehind = models.FindLastIndex(m => m.End <= f.Start && m.Start >= f.ClauseStart);
            var directlyFor = ahead >= 0 && models[ahead].Start - f.UnitEnd <= 30 && ModelPreposition.IsMatch(line.Substring(f.UnitEnd, models[ahead].Start - f.UnitEnd));
            if (directlyFor || (ahead >= 0 && ModelPreposition.IsMatch(line.Substring(f.UnitEnd, models[ahead].Start - f.UnitEnd)) && clauseBehind < 0))
            {
                modelIndex = ahead;
            }
            else if (behind >= 0 && clauseBehind < 0 && Possessive.IsMatch(line.Substring(f.ClauseStart, f.Start - f.ClauseStart)))
            {
                modelIndex = 0;
            }
            else if (behind >= 0)
            {
                modelIndex = behind;
            }
            else if (ahead >= 0 && ModelPreposition.IsMatch(line.Substring(f.UnitEnd, models[ahead].Start - f.UnitEnd)))
            {
                modelIndex = ahead;
            }
            else
            {
                modelIndex = ahead;
            }
        }

        var subject = new ClaimSubject();
        int segmentStart, segmentEnd;
        if (modelIndex >= 0)
        {
            var chosen = models[modelIndex];
            Apply(subject, chosen);
            // "of conv, gemma3:latest, llama3.2:1b": a figure said of a comma-separated list of models is said of all of them.
            var (first, last) = (modelIndex, modelIndex);
            while (first > 0 && Listed(line, models[first - 1], models[first])) first--;
            while (last + 1 < models.Count && Listed(line, models[last], models[last + 1])) last++;
            if (last > first && models.Skip(first).Take(last - first + 1).All(m => m.Kind == MentionKind.Model) &&
                Enumerable.Range(first, last - first).Any(i => line.Substring(models[i].End, models[i + 1].Start - models[i].End).Contains(',')) &&
                (f.Start < models[first].Start || f.Start > models[last].End))
            {
                subject.Model = null;
                subject.Models.UnionWith(models.Skip(first).Take(last - first + 1).Select(m => m.Value));
            }

            segmentStart = Math.Min(chosen.Start, f.Start);
            segmentEnd = modelIndex + 1 < models.Count ? models[modelIndex + 1].Start : f.SentenceEnd;
            if (chosen.Start > f.Start) segmentEnd = Math.Max(segmentEnd, chosen.End);
        }
        else
        {
            segmentStart = f.SentenceStart;
            segmentEnd = f.SentenceEnd;
        }

        var firstModel = models.Count > 0 ? models[0].Start : int.MaxValue;
        var qualifiers = sentence.Where(m => m.Kind is MentionKind.Setting or MentionKind.Phase or MentionKind.Backend &&
                                             ((m.Start >= segmentStart && m.Start < segmentEnd) || m.End <= firstModel)).ToList();
        foreach (var group in qualifiers.GroupBy(m => (m.Kind, m.Key)))
        {
            if (group.Key.Kind == MentionKind.Phase && group.Select(m => m.Value).Distinct().Count() > 1)
            {
                // Both phases named: the one the figure's own clause names; "cold and warm together" names neither.
                var inClause = group.Where(m => m.Start >= f.ClauseStart && m.End <= f.Start).Select(m => m.Value).Distinct().ToList();
                if (inClause.Count == 1) Apply(subject, group.First(m => m.Value == inClause[0]));
                continue;
            }

            // Several values of one setting: the one named last before the figure, else the first after it.
            var nearest = group.Where(m => m.End <= f.Start).Select(m => (Mention?)m).LastOrDefault() ?? group.First();
            Apply(subject, nearest);
        }

        return subject;
    }

    private static bool Listed(string line, Mention a, Mention b) =>
        a.End <= b.Start && ModelListSeparator.IsMatch(line.Substring(a.End, b.Start - a.End));

    private static void Apply(ClaimSubject subject, Mention m)
    {
        switch (m.Kind)
        {
            case MentionKind.Model: subject.Model ??= m.Value; break;
            case MentionKind.Backend: subject.Backend ??= m.Value; break;
            case MentionKind.Phase: subject.Phase ??= m.Value == "Cold" ? Phase.Cold : Phase.Warm; break;
            case MentionKind.Setting: if (!subject.Settings.ContainsKey(m.Key!)) subject.Settings[m.Key!] = m.Value; break;
            case MentionKind.Source: subject.Source ??= Path.GetFileName(m.Value); break;
        }
    }

    /// <summary>The subject the figure's surroundings name: earlier sentences of its paragraph, its list's lead-in, its heading.</summary>
    private ClaimSubject? ContextSubject(WrittenFigure f, bool sameLine)
    {
        var own = MentionsOf(f.LineIndex);
        var earlier = own.Where(m => m.End <= f.SentenceStart).ToList();
        if (!f.InTable && sameLine && Single(earlier) is { } fromLine) return fromLine;
        if (!f.InTable && sameLine && Possessive.IsMatch(f.LineText.Substring(f.SentenceStart, f.Start - f.SentenceStart)) &&
            earlier.FirstOrDefault(m => m.Kind == MentionKind.Model) is { Value: not null } first)
        {
            var sentenceStart = earlier.Where(m => m.End <= first.Start).Select(m => m.End).DefaultIfEmpty(0).Max();
            return Single(earlier.Where(m => m.Start >= sentenceStart && (m.Kind != MentionKind.Model || m.Start == first.Start)).ToList());
        }

        var isList = IsListItem(lines[f.LineIndex]);
        var inTable = f.InTable;
        var indent = Indent(lines[f.LineIndex]);
        var blankSeen = false;
        for (var k = f.LineIndex - 1; k >= 0 && k >= f.LineIndex - 40; k--)
        {
            var line = lines[k];
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                blankSeen = true;
                continue;
            }

            if (trimmed.StartsWith("#", StringComparison.Ordinal))
            {
                return Single(MentionsOf(k));
            }

            if (blankSeen && !isList && !inTable)
            {
                // Another paragraph: only a heading above may still name the subject.
                continue;
            }

            if (inTable && trimmed.StartsWith("|", StringComparison.Ordinal)) continue;
            if (isList && IsListItem(line) && Indent(line) >= indent) continue;
            if (blankSeen && (isList || inTable) && (IsListItem(line) || trimmed.StartsWith("|", StringComparison.Ordinal))) continue;
            var found = Single(MentionsOf(k));
            if (found is not null) return found;
            if (!IsListItem(line)) { isList = false; inTable = false; blankSeen = true; }
        }

        return null;
    }

    /// <summary>The subject a run of mentions names when it names one model (or none but settings or a phase).</summary>
    private static ClaimSubject? Single(List<Mention> found)
    {
        if (found.Count == 0) return null;
        var names = found.Where(m => m.Kind is MentionKind.Model or MentionKind.Source).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (names > 1) return null;
        var subject = new ClaimSubject();
        foreach (var m in found)
        {
            if (m.Kind == MentionKind.Setting && subject.Settings.ContainsKey(m.Key!)) return names == 0 ? null : WithoutSettings(found);
            Apply(subject, m);
        }

        return subject;
    }

    private static ClaimSubject WithoutSettings(List<Mention> found)
    {
        var subject = new ClaimSubject();
        foreach (var m in found.Where(m => m.Kind != MentionKind.Setting)) Apply(subject, m);
        return subject;
    }

    private static bool IsListItem(string line)
    {
        var t = line.TrimStart();
        return t.StartsWith("- ", StringComparison.Ordinal) || t.StartsWith("* ", StringComparison.Ordinal) || t.StartsWith("+ ", StringComparison.Ordinal) ||
               (t.Length > 2 && char.IsDigit(t[0]) && Regex.IsMatch(t, @"^\d+[.)]\s"));
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    // ---- relation ----

    private void ReadRelation(Claim claim)
    {
        var f = claim.Figure;
        var unit = claim.Unit;
        var line = f.LineText;
        var before = claim.InCell ? "" : line.Substring(f.ClauseStart, f.Start - f.ClauseStart);
        var after = claim.InCell ? "" : line.Substring(f.UnitEnd, Math.Max(0, f.SentenceEnd - f.UnitEnd));
        var failures = claim.Metrics is not null && claim.Metrics.Any(m => m is GroundingVocabulary.Failures or GroundingVocabulary.FailedRuns);
        var near = before + " " + (after.Length > 50 ? after.Substring(0, 50) : after);
        var relationColumn = claim.InCell && RelationHeader.IsMatch(f.ColumnHeader ?? "");
        var percentMetric = claim.Metrics is not null && claim.Metrics.Any(m => topics.QuantityOf(m) == Quantity.Percent) || claim.Statistic == "CV";

        if (f.Bound != 0)
        {
            claim.Relation = GroundingRelation.Bound;
        }
        else if (unit?.Quantity == Quantity.Ratio)
        {
            claim.Relation = GroundingRelation.Ratio;
        }
        else if (unit?.Quantity == Quantity.Percent)
        {
            claim.Relation = percentMetric ? GroundingRelation.Value
                : ShareWords.IsMatch(near) && !Comparison.IsMatch(before) ? GroundingRelation.Share
                : relationColumn || ChangeWords.IsMatch(near) || claim.Metrics is not null ? GroundingRelation.PercentChange
                : GroundingRelation.Share;
        }
        else if (unit?.Quantity == Quantity.Count || claim.Statistic is Insight.Statistic.Count or "Attempted" || (failures && unit is null) ||
                 (unit is null && CountNounAfter.IsMatch(after)))
        {
            claim.Relation = GroundingRelation.Count;
        }
        else if (relationColumn || (unit is not null && unit.Quantity is Quantity.Time or Quantity.Rate or Quantity.Tokens &&
                                    (RangeWords.IsMatch(before) || (ChangeWords.IsMatch(near) && IsDifference(before, after)))))
        {
            claim.Relation = GroundingRelation.Difference;
        }
        else
        {
            claim.Relation = GroundingRelation.Value;
        }

        if (claim.Relation is GroundingRelation.Difference or GroundingRelation.Ratio or GroundingRelation.PercentChange)
        {
            if (!claim.InCell && claim.Statistic is null)
            {
                claim.Statistic = GroundingVocabulary.AllStatistics(after).FirstOrDefault();
            }

            var ownTail = Regex.Match(after, @"^(?:[^,;()\s]|\s(?![\d*]))*").Value; // up to the next clause or figure
            if (!claim.InCell && claim.Metrics is null && topics.Last(ownTail, settings: false) is { } named)
            {
                // "34% faster than llama3.1:8b in mean TTFT": the metric named after the figure
                claim.Metrics = named.Metrics;
                claim.MetricName = named.Metrics.FirstOrDefault();
            }

            claim.PartOf = PartOfAfter.IsMatch(after);

            ReadOtherSide(claim);
            if (claim.Relation == GroundingRelation.Difference && claim.Other is null && claim.OtherStatistic is null && !RangeWords.IsMatch(near) && !relationColumn)
            {
                // "gemma3 at 108 tok/s, more than llama3's": a value after all, unless a second side is named.
                claim.Relation = GroundingRelation.Value;
            }
        }
    }

    private static readonly Regex PartOfAfter = PartOfAfterRegex();
    [GeneratedRegex(@"^\s*\**\s*of\b", Options)]
    private static partial Regex PartOfAfterRegex();
    private static readonly Regex ChangeWordAhead = ChangeWordAheadRegex();
    [GeneratedRegex(@"^\s*\**\s*(more|less|faster|slower|higher|lower|longer|shorter|quicker|ahead|behind|better|worse|apart|above|below|over|under)(?![\p{L}])", Options)]
    private static partial Regex ChangeWordAheadRegex();
    private static readonly Regex DifferenceCue = DifferenceCueRegex();
    [GeneratedRegex(@"(?<![\p{L}])(by|adds?|added|saves?|saved|gap|difference|delta|range|spread|Δ)\s*(?:about|roughly|around|nearly|some|~)?\s*\**\s*[+\-−]?$|(?<![\p{L}])(more|less|faster|slower|higher|lower|longer|shorter|quicker|ahead|behind|better|worse|apart)(?![\p{L}])", Options)]
    private static partial Regex DifferenceCueRegex();

    private static bool IsDifference(string before, string after)
    {
        var head = after.Length > 30 ? after.Substring(0, 30) : after;
        return DifferenceCue.IsMatch(before.TrimEnd()) || ChangeWordAhead.IsMatch(head);
    }

    /// <summary>The other side of a relation: the subject after "than / vs / compared with", a second model of the
    /// sentence, the other phase, another value of one setting, or a second statistic of the same subject.</summary>
    private void ReadOtherSide(Claim claim)
    {
        var f = claim.Figure;
        var line = f.LineText;
        var own = claim.Subject;
        List<Mention> sentence;
        if (claim.InCell)
        {
            sentence = vocabulary.Find(f.ColumnHeader ?? "");
            var other = new ClaimSubject();
            foreach (var m in sentence) Apply(other, m);
            if (!other.IsEmpty)
            {
                claim.Other = Merge(own, other);
            }

            return;
        }

        sentence = MentionsOf(f.LineIndex).Where(m => m.Start >= f.SentenceStart && m.End <= f.SentenceEnd).ToList();
        var names = sentence.Where(m => m.Kind is MentionKind.Model or MentionKind.Source).ToList();

        // After a comparison word: "than llama3.1:8b", "vs num_ctx=512", "compared with cold starts".
        foreach (var m in sentence)
        {
            var gapStart = m.Start > f.UnitEnd ? f.UnitEnd : f.SentenceStart;
            if (m.Start < gapStart) continue;
            var gap = line.Substring(gapStart, m.Start - gapStart);
            if ((m.Start > f.UnitEnd ? ComparisonAhead : Comparison).IsMatch(gap) || Comparison.IsMatch(gap))
            {
                var otherSide = new ClaimSubject();
                var nextName = names.FindIndex(n => n.Start > m.End);
                var end = nextName >= 0 ? names[nextName].Start : f.SentenceEnd;
                foreach (var q in sentence.Where(q => q.Start >= m.Start && q.Start < end)) Apply(otherSide, q);
                if (m.Kind is MentionKind.Model or MentionKind.Source) InheritShared(otherSide, own);
                if (m.Kind is MentionKind.Model or MentionKind.Source && string.Equals(otherSide.Model ?? otherSide.Source, own.Model ?? own.Source, StringComparison.OrdinalIgnoreCase) &&
                    names.Count > 1)
                {
                    continue;
                }

                if (m.Kind is MentionKind.Model or MentionKind.Source && !string.Equals(otherSide.Model, own.Model, StringComparison.OrdinalIgnoreCase))
                {
                    claim.Other = otherSide;
                    // The own side keeps the first model that is not the other one.
                    var mine = names.FirstOrDefault(n => !string.Equals(n.Value, m.Value, StringComparison.OrdinalIgnoreCase));
                    if (mine.Value is not null && !string.Equals(own.Model, mine.Value, StringComparison.OrdinalIgnoreCase) && own.Model is not null &&
                        string.Equals(own.Model, m.Value, StringComparison.OrdinalIgnoreCase))
                    {
                        own.Model = mine.Value;
                    }

                    return;
                }

                if (m.Kind is MentionKind.Setting or MentionKind.Phase or MentionKind.Backend)
                {
                    var other = Merge(own, otherSide);
                    if (!SameSubject(other, own))
                    {
                        claim.Other = other;
                        return;
                    }
                }
            }
        }

        var distinct = names.Select(n => n.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count < 2 && own.Model is not null)
        {
            // "... 29% below gemma3:270m; its TTFT is 97 ms, a 6.1x advantage": the models of the sentence before.
            var earlier = MentionsOf(f.LineIndex).Where(m => m.End <= f.SentenceStart && m.Kind == MentionKind.Model).Select(m => m.Value);
            distinct = distinct.Concat(earlier).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        if (distinct.Count >= 2)
        {
            var otherName = distinct.First(n => !string.Equals(n, own.Model ?? own.Source, StringComparison.OrdinalIgnoreCase));
            var other = own.Copy();
            other.Model = otherName;
            claim.Other = other;
            return;
        }

        var phases = sentence.Where(m => m.Kind == MentionKind.Phase).Select(m => m.Value).Distinct().ToList();
        if (phases.Count == 2 || (phases.Count == 1 && phases[0] == "Cold"))
        {
            claim.Subject = own.With(Phase.Cold);
            claim.Other = own.With(Phase.Warm);
            return;
        }

        foreach (var key in sentence.Where(m => m.Kind == MentionKind.Setting).GroupBy(m => m.Key).Where(g => g.Select(m => m.Value).Distinct().Count() >= 2))
        {
            var values = key.Select(m => m.Value).Distinct().ToList();
            claim.Subject = own.Copy();
            claim.Subject.Settings[key.Key!] = values[0];
            claim.Other = own.Copy();
            claim.Other.Settings[key.Key!] = values[1];
            return;
        }

        // Two statistics of one subject: "the p99 is 1.2x the median", "max - min".
        var window = line.Substring(f.SentenceStart, f.SentenceEnd - f.SentenceStart);
        var ownStatistic = GroundingVocabulary.AllStatistics(line.Substring(f.SentenceStart, f.Start - f.SentenceStart)).FirstOrDefault();
        var tail = line.Substring(f.UnitEnd, Math.Min(30, Math.Max(0, f.SentenceEnd - f.UnitEnd)));
        var otherStatistic = GroundingVocabulary.AllStatistics(tail).FirstOrDefault();
        if (RangeWords.IsMatch(line.Substring(f.SentenceStart, f.Start - f.SentenceStart)) && claim.Relation == GroundingRelation.Difference)
        {
            claim.Statistic = "Max";
            claim.OtherStatistic = "Min";
            claim.Range = true;
        }
        else if (ownStatistic is not null && otherStatistic is not null && ownStatistic != otherStatistic)
        {
            claim.Statistic = ownStatistic;
            claim.OtherStatistic = otherStatistic;
        }
        else if (RangeWords.IsMatch(window))
        {
            claim.Statistic = "Max";
            claim.OtherStatistic = "Min";
            claim.Range = true;
        }
    }

    /// <summary>The other side of "A is 34% faster than B (num_ctx=2048, warm)" shares the qualifiers it does not name.</summary>
    private static void InheritShared(ClaimSubject other, ClaimSubject own)
    {
        other.Phase ??= own.Phase;
        other.Backend ??= own.Backend;
        if (other.Settings.Count == 0)
        {
            foreach (var (k, v) in own.Settings) other.Settings[k] = v;
        }
    }

    private static ClaimSubject Merge(ClaimSubject own, ClaimSubject other)
    {
        var merged = own.Copy();
        if (other.Model is not null) { merged.Model = other.Model; merged.Settings.Clear(); }
        if (other.Backend is not null) merged.Backend = other.Backend;
        if (other.Phase is not null) merged.Phase = other.Phase;
        if (other.Source is not null) merged.Source = other.Source;
        foreach (var (k, v) in other.Settings) merged.Settings[k] = v;
        return merged;
    }

    private static bool SameSubject(ClaimSubject a, ClaimSubject b) => a.ToString() == b.ToString();
}
