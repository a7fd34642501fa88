using System.CommandLine;

namespace SparseAdaptive.Study;

/// <summary>The command-line options of one dense baseline kind's <see cref="BaselineSettings"/>: <c>--{kind}-epochs</c>, <c>-learning-rate</c>, <c>-dropout</c>, <c>-l2</c>.</summary>
internal sealed class BaselineOptions
{
    private readonly Option<int?> _epochs;
    private readonly Option<float?> _learningRate;
    private readonly Option<float?> _dropout;
    private readonly Option<float?> _l2;

    /// <param name="kind">The kind's command-line name, the options' prefix.</param>
    /// <param name="networks">The networks the options set, for the help text.</param>
    public BaselineOptions(string kind, string networks)
    {
        string prefix = $"--{kind}";
        _epochs = new($"{prefix}-epochs") { Description = $"Maximum training epochs of the {networks} (stopped early on validation)." };
        _learningRate = new($"{prefix}-learning-rate") { Description = $"Learning rate of the {networks}." };
        _dropout = new($"{prefix}-dropout") { Description = $"Dropout rate of the {networks}." };
        _l2 = new($"{prefix}-l2") { Description = $"L2 weight decay of the {networks}." };
    }

    /// <summary>The four options, to add to a command.</summary>
    public IEnumerable<Option> All => [_epochs, _learningRate, _dropout, _l2];

    /// <summary><paramref name="preset"/> with the values the command line gives.</summary>
    public BaselineSettings Read(ParseResult result, BaselineSettings preset) => new(
        result.GetValue(_epochs) ?? preset.Epochs,
        result.GetValue(_learningRate) ?? preset.LearningRate,
        result.GetValue(_dropout) ?? preset.Dropout,
        result.GetValue(_l2) ?? preset.L2);
}
