namespace Chimera.Insight.Reporting.Grounding;

/// <summary>What a claim is said of: the parts of a group the text names. Unnamed parts are free.</summary>
internal sealed class ClaimSubject
{
    public string? Model { get; set; }
    public string? Backend { get; set; }
    public Phase? Phase { get; set; }
    public string? Source { get; set; }
    /// <summary>A group's whole label as the module writes it ("conv · device=cpu · eager · Warm", or just "Warm"): the groups that carry it.</summary>
    public string? Label { get; set; }
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>"n=5 with configuration not recorded": only the groups that record no configuration setting.</summary>
    public bool Unconfigured { get; set; }
    /// <summary>"275 groups of conv, gemma3:latest, llama3.2:1b": a figure said of several models together (Model stays null).</summary>
    public HashSet<string> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => Model is null && Backend is null && Phase is null && Source is null && Label is null && Settings.Count == 0 && !Unconfigured && Models.Count == 0;

    /// <summary>Names a model (or several), a backend, a file, a setting or a whole group label: more than a phase.</summary>
    public bool NamesGroup => Model is not null || Backend is not null || Source is not null || Label is not null || Settings.Count > 0 || Unconfigured || Models.Count > 0;

    public bool Admits(MetricGroup group)
    {
        if (Label is not null && !string.Equals(group.Label, Label, StringComparison.OrdinalIgnoreCase)) return false;
        if (Model is not null && !string.Equals(group.Model, Model, StringComparison.OrdinalIgnoreCase)) return false;
        if (Models.Count > 0 && (group.Model is null || !Models.Contains(group.Model))) return false;
        if (Unconfigured && group.Settings.Count > 0) return false;
        if (Backend is not null && !string.Equals(group.Backend, Backend, StringComparison.OrdinalIgnoreCase)) return false;
        if (Phase is not null && group.Phase is not null && group.Phase != Phase) return false;
        if (Source is not null && !string.Equals(group.SourceFile, Source, StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var (key, value) in Settings)
        {
            if (!group.Settings.TryGetValue(key, out var held) || !SubjectVocabulary.SameSetting(value, held)) return false;
        }

        return true;
    }

    public ClaimSubject With(Phase? phase)
    {
        var copy = Copy();
        copy.Phase = phase;
        return copy;
    }

    public ClaimSubject Copy()
    {
        var copy = new ClaimSubject { Model = Model, Backend = Backend, Phase = Phase, Source = Source, Label = Label, Unconfigured = Unconfigured };
        foreach (var (k, v) in Settings) copy.Settings[k] = v;
        copy.Models.UnionWith(Models);
        return copy;
    }

    /// <summary>Fills the parts this subject leaves unnamed from <paramref name="context"/>.</summary>
    public void Inherit(ClaimSubject context)
    {
        if (Model is null && Backend is null && Source is null && Label is null && Models.Count == 0)
        {
            Label = context.Label;
            Model = context.Model;
            Backend = context.Backend;
            Source = context.Source;
            foreach (var (k, v) in context.Settings) if (!Settings.ContainsKey(k)) Settings[k] = v;
        }

        Phase ??= context.Phase;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Model is not null) parts.Add(Model);
        if (Models.Count > 0) parts.Add(string.Join(", ", Models.OrderBy(m => m, StringComparer.OrdinalIgnoreCase)));
        parts.AddRange(Settings.Select(s => s.Key + "=" + s.Value));
        if (Unconfigured) parts.Add("no configuration");
        if (Backend is not null) parts.Add(Backend);
        if (Phase is not null) parts.Add(Phase.Value.ToString());
        if (Source is not null) parts.Add(Source);
        if (parts.Count == 0 && Label is not null) parts.Add(Label);
        return parts.Count == 0 ? "" : string.Join(" · ", parts);
    }
}

/// <summary>A figure and the claim the text makes with it.</summary>
internal sealed class Claim
{
    public Claim(WrittenFigure figure) => Figure = figure;

    public WrittenFigure Figure { get; }
    /// <summary>A table cell holding a value: the column header and the row say what it is (a cell holding a sentence reads as prose).</summary>
    public bool InCell { get; set; }
    public ClaimSubject Subject { get; set; } = new();
    /// <summary>The other side of a relation, when the text names it.</summary>
    public ClaimSubject? Other { get; set; }
    /// <summary>The metrics the claim may be about (canonical names); null when the text names none.</summary>
    public IReadOnlyCollection<string>? Metrics { get; set; }
    /// <summary>The metric as the figure reports it: the first of <see cref="Metrics"/>, or a topic (Files).</summary>
    public string? MetricName { get; set; }
    public string? Statistic { get; set; }
    /// <summary>For a relation between two statistics of one subject ("p99 is 1.2x the median"): the other statistic.</summary>
    public string? OtherStatistic { get; set; }
    public WrittenUnit? Unit { get; set; }
    public GroundingRelation Relation { get; set; }
    /// <summary>The unit written contradicts the metric named in the same clause.</summary>
    public bool UnitConflict { get; set; }
    /// <summary>The claim reads a range between two statistics (max - min).</summary>
    public bool Range { get; set; }
    /// <summary>A percent written as a part of the other side ("64% of llama3.1's throughput"), not as a change.</summary>
    public bool PartOf { get; set; }
    /// <summary>The figure is said of the highest or lowest of its subject's groups ("the fastest model", "ranged from ... to").</summary>
    public bool Extreme { get; set; }
}
