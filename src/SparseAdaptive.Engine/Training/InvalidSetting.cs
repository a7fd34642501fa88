namespace SparseAdaptive.Training;

/// <summary>A setting that is out of range: which one, its value and the rule it breaks.</summary>
/// <param name="Name">The setting's property name, e.g. <c>LearningRate</c>.</param>
/// <param name="Value">The value it has.</param>
/// <param name="Rule">What it must be, e.g. "must be positive and finite".</param>
public sealed record InvalidSetting(string Name, object? Value, string Rule)
{
    /// <summary>"{Name} {Rule}; got {Value}.", with another name for the setting (an ML.NET option, say).</summary>
    /// <param name="displayName">The name the reader knows the setting by.</param>
    public string Describe(string displayName) => $"{displayName} {Rule}; got {Value}.";

    /// <summary>The exception <see cref="TrainingSettings.Validate"/> throws for this setting.</summary>
    public ArgumentOutOfRangeException ToException() => new(Name, Value, Describe(Name));
}
