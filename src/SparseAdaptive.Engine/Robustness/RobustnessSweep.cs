using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Evaluates a network under one kind of perturbation over a list of strengths, each repeated over several seeds.
/// The factory methods build the usual sweeps; the constructor accepts any <see cref="Perturbation"/>.
/// </summary>
public sealed partial class RobustnessSweep
{
    private readonly Perturbation[] _perturbations;

    /// <summary>Describes a sweep of the perturbations <paramref name="perturbationAt"/> builds for each strength.</summary>
    /// <param name="name">What is swept, e.g. "link removal"; used in CSV files and plot legends.</param>
    /// <param name="strengthName">What the strength measures, e.g. "fraction"; used as the axis label.</param>
    /// <param name="perturbationAt">Builds the perturbation of a strength; called once per strength, here, so bad strengths fail at once.</param>
    /// <param name="strengths">The strengths, at least one.</param>
    /// <param name="seeds">The seeds each strength is evaluated with, at least one.</param>
    /// <exception cref="ArgumentException">No strengths or no seeds, or a strength the perturbation rejects.</exception>
    public RobustnessSweep(string name, string strengthName, Func<double, Perturbation> perturbationAt, IEnumerable<double> strengths, IEnumerable<int> seeds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(strengthName);
        ArgumentNullException.ThrowIfNull(perturbationAt);
        ArgumentNullException.ThrowIfNull(strengths);
        ArgumentNullException.ThrowIfNull(seeds);
        Name = name;
        StrengthName = strengthName;
        Strengths = strengths.ToArray();
        Seeds = seeds.ToArray();
        if (Strengths.Count == 0)
        {
            throw new ArgumentException("A sweep needs at least one strength.", nameof(strengths));
        }
        if (Seeds.Count == 0)
        {
            throw new ArgumentException("A sweep needs at least one seed.", nameof(seeds));
        }
        _perturbations = Strengths.Select(perturbationAt).ToArray();
    }

    /// <summary>What is swept.</summary>
    public string Name { get; }

    /// <summary>What the strength measures.</summary>
    public string StrengthName { get; }

    /// <summary>The strengths, in order.</summary>
    public IReadOnlyList<double> Strengths { get; }

    /// <summary>The seeds each strength is evaluated with.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Random link removal over fractions of each chosen layer's links.</summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds of the link choices.</param>
    /// <param name="layers">Which layers lose links; default the hidden layers.</param>
    public static RobustnessSweep LinkRemoval(IEnumerable<double> fractions, IEnumerable<int> seeds, PerturbedLayers layers = PerturbedLayers.Hidden) =>
        new("link removal", "fraction of links", f => new LinkRemoval(f, layers), fractions, seeds);

    /// <summary>Link weight shuffling over fractions of each chosen layer's links.</summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds of the link choices and permutations.</param>
    /// <param name="layers">Which layers are shuffled; default the hidden layers.</param>
    public static RobustnessSweep LinkWeightShuffle(IEnumerable<double> fractions, IEnumerable<int> seeds, PerturbedLayers layers = PerturbedLayers.Hidden) =>
        new("link weight shuffling", "fraction of links", f => new LinkWeightShuffle(f, layers), fractions, seeds);

    /// <summary>FGSM over attack sizes ε. FGSM has no randomness: one seed is enough.</summary>
    /// <param name="epsilons">L∞ sizes ≥ 0.</param>
    /// <param name="seeds">Seeds (they do not change FGSM's result).</param>
    /// <param name="range">Valid feature range; default [0, 1].</param>
    public static RobustnessSweep Fgsm(IEnumerable<double> epsilons, IEnumerable<int> seeds, FeatureRange? range = null) =>
        new("FGSM", "epsilon", e => new FgsmAttack((float)e, range), epsilons, seeds);

    /// <summary>PGD over attack sizes ε, with step size 2.5 ε / <paramref name="iterations"/>.</summary>
    /// <param name="epsilons">L∞ radii ≥ 0.</param>
    /// <param name="seeds">Seeds of the random starts.</param>
    /// <param name="iterations">Steps per attack; default 10.</param>
    /// <param name="randomStart">Whether to start at a random point of the ball; default true.</param>
    /// <param name="range">Valid feature range; default [0, 1].</param>
    public static RobustnessSweep Pgd(IEnumerable<double> epsilons, IEnumerable<int> seeds, int iterations = 10, bool randomStart = true, FeatureRange? range = null) =>
        new("PGD", "epsilon", e => new PgdAttack((float)e, stepSize: null, iterations, randomStart, range), epsilons, seeds);

    /// <summary>Gaussian input noise over standard deviations σ.</summary>
    /// <param name="standardDeviations">σ values ≥ 0.</param>
    /// <param name="seeds">Seeds of the noise.</param>
    /// <param name="range">Valid feature range; default [0, 1].</param>
    public static RobustnessSweep GaussianNoise(IEnumerable<double> standardDeviations, IEnumerable<int> seeds, FeatureRange? range = null) =>
        new("Gaussian noise", "sigma", s => new GaussianNoise((float)s, range), standardDeviations, seeds);

    /// <summary>Scores <paramref name="network"/> on <paramref name="samples"/> under every strength and seed.</summary>
    /// <param name="network">The network; it is never modified.</param>
    /// <param name="samples">The evaluation samples.</param>
    /// <param name="threads">Threads to use; 0 means all cores. Results do not depend on it.</param>
    /// <exception cref="ArgumentException">The samples do not fit the network.</exception>
    public SweepResult Run(SparseNetwork network, LabeledSamples samples, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.FeatureCount != network.InputSize || samples.ClassCount > network.ClassCount)
        {
            throw new ArgumentException(
                $"The samples have {samples.FeatureCount} features and {samples.ClassCount} classes; the network takes {network.InputSize} inputs and scores {network.ClassCount} classes.",
                nameof(samples));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        int used = threads == 0 ? Environment.ProcessorCount : threads;

        var runs = new List<SweepRun>();
        var levels = new List<SweepLevel>();
        for (int level = 0; level < _perturbations.Length; level++)
        {
            // The strength as given, not as the perturbation stores it (ε is a float there).
            double strength = Strengths[level];
            var scores = Seeds.Select(seed =>
            {
                var (corrupted, features) = _perturbations[level].Corrupt(network, samples, seed, used);
                return new SweepRun(strength, seed, ClassificationScore.Measure(corrupted, features, samples.Labels, used))
                {
                    Structure = StructureMetrics.Of(corrupted),
                };
            }).ToArray();
            runs.AddRange(scores);
            levels.Add(new SweepLevel(strength, scores.Length,
                MetricSummary.Of(scores.Select(r => r.Score.MicroAccuracy).ToArray()),
                MetricSummary.Of(scores.Select(r => r.Score.MacroAccuracy).ToArray()),
                MetricSummary.Of(scores.Select(r => r.Score.LogLoss).ToArray()))
            {
                Structure = StructureSummary.Of(scores.Select(r => r.Structure!.Value).ToArray()),
            });
        }
        return new SweepResult(Name, StrengthName, levels, runs);
    }
}
