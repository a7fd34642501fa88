using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;
using Microsoft.ML.SparseAdaptive.Transforms;

namespace Microsoft.ML;

/// <summary>
/// ML.NET catalog entries of SparseAdaptive's robustness evaluation: weight perturbations that yield a corrupted
/// copy of a model, input perturbations that rewrite its feature column, and sweeps over perturbation strengths.
/// Each takes a trained SparseAdaptive model: fresh from <c>Fit</c>, a pipeline containing one, or loaded from a file.
/// </summary>
public static class RobustnessCatalog
{
    /// <summary>Random link removal: each chosen layer of the model's network loses round(fraction × its links), picked at random.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">Fraction, layers and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the corrupted <see cref="SparseAdaptiveModel"/>.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static WeightPerturbationEstimator RemoveLinks(this TransformsCatalog catalog, ITransformer model, WeightPerturbationOptions options) =>
        WeightPerturbation(catalog, model, options, (fraction, layers) => new LinkRemoval(fraction, layers));

    /// <summary>Random link removal: each chosen layer of the model's network loses round(fraction × its links), picked at random.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="fraction">Fraction of each chosen layer's links to remove, in [0, 1].</param>
    /// <param name="layers">Which layers lose links; default the hidden (sparse) layers.</param>
    /// <param name="seed">Seed of the link choices.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the corrupted <see cref="SparseAdaptiveModel"/>.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static WeightPerturbationEstimator RemoveLinks(this TransformsCatalog catalog, ITransformer model, double fraction,
        PerturbedLayers layers = PerturbedLayers.Hidden, int seed = 0) =>
        catalog.RemoveLinks(model, new WeightPerturbationOptions { Fraction = fraction, Layers = layers, Seed = seed });

    /// <summary>Link weight shuffling: in each chosen layer, the weights of round(fraction × its links) random links are permuted among themselves.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">Fraction, layers and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the corrupted <see cref="SparseAdaptiveModel"/>.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static WeightPerturbationEstimator ShuffleLinkWeights(this TransformsCatalog catalog, ITransformer model, WeightPerturbationOptions options) =>
        WeightPerturbation(catalog, model, options, (fraction, layers) => new LinkWeightShuffle(fraction, layers));

    /// <summary>Link weight shuffling: in each chosen layer, the weights of round(fraction × its links) random links are permuted among themselves.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="fraction">Fraction of each chosen layer's links whose weights are permuted, in [0, 1].</param>
    /// <param name="layers">Which layers are shuffled; default the hidden (sparse) layers.</param>
    /// <param name="seed">Seed of the link choices and permutations.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the corrupted <see cref="SparseAdaptiveModel"/>.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static WeightPerturbationEstimator ShuffleLinkWeights(this TransformsCatalog catalog, ITransformer model, double fraction,
        PerturbedLayers layers = PerturbedLayers.Hidden, int seed = 0) =>
        catalog.ShuffleLinkWeights(model, new WeightPerturbationOptions { Fraction = fraction, Layers = layers, Seed = seed });

    /// <summary>FGSM attack on the model's feature column, from the model's own gradients (see <see cref="FgsmAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">ε, label column, feature range and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator Fgsm(this TransformsCatalog catalog, ITransformer model, FgsmOptions options) =>
        InputPerturbation(catalog, model, options);

    /// <summary>FGSM attack on the model's feature column, from the model's own gradients (see <see cref="FgsmAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="epsilon">L∞ size of the change, ≥ 0.</param>
    /// <param name="labelColumnName">The key label column to attack; null attacks each row's predicted class.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static InputPerturbationEstimator Fgsm(this TransformsCatalog catalog, ITransformer model, float epsilon, string? labelColumnName = "Label") =>
        catalog.Fgsm(model, new FgsmOptions { Epsilon = epsilon, LabelColumnName = labelColumnName });

    /// <summary>PGD attack on the model's feature column, from the model's own gradients (see <see cref="PgdAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">ε, step size, iterations, random start, label column, feature range and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator Pgd(this TransformsCatalog catalog, ITransformer model, PgdOptions options) =>
        InputPerturbation(catalog, model, options);

    /// <summary>PGD attack on the model's feature column, from the model's own gradients (see <see cref="PgdAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="epsilon">Radius of the L∞ ball, ≥ 0.</param>
    /// <param name="numberOfIterations">Number of steps of size 2.5 ε / iterations, &gt; 0.</param>
    /// <param name="labelColumnName">The key label column to attack; null attacks each row's predicted class.</param>
    /// <param name="seed">Seed of the random start.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static InputPerturbationEstimator Pgd(this TransformsCatalog catalog, ITransformer model, float epsilon, int numberOfIterations = 10,
        string? labelColumnName = "Label", int seed = 0) =>
        catalog.Pgd(model, new PgdOptions { Epsilon = epsilon, NumberOfIterations = numberOfIterations, LabelColumnName = labelColumnName, Seed = seed });

    /// <summary>Gaussian noise on the model's feature column, the non-adversarial control (see <see cref="global::SparseAdaptive.Robustness.GaussianNoise"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model (its feature column and input size are used).</param>
    /// <param name="options">σ, feature range and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the noise transformer.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator GaussianNoise(this TransformsCatalog catalog, ITransformer model, GaussianNoiseOptions options) =>
        InputPerturbation(catalog, model, options);

    /// <summary>Gaussian noise on the model's feature column, the non-adversarial control (see <see cref="global::SparseAdaptive.Robustness.GaussianNoise"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model (its feature column and input size are used).</param>
    /// <param name="standardDeviation">σ of the noise, ≥ 0.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the noise transformer.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static InputPerturbationEstimator GaussianNoise(this TransformsCatalog catalog, ITransformer model, float standardDeviation, int seed = 0) =>
        catalog.GaussianNoise(model, new GaussianNoiseOptions { StandardDeviation = standardDeviation, Seed = seed });

    /// <summary>
    /// Evaluates a SparseAdaptive model on <paramref name="data"/> under every strength and seed of
    /// <paramref name="sweep"/> (built with <see cref="RobustnessSweep"/>'s factory methods), in the engine's batched kernels.
    /// </summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="model">A trained SparseAdaptive model; it is never modified.</param>
    /// <param name="data">Evaluation data with the model's feature column and a key label column.</param>
    /// <param name="sweep">The perturbation, strengths and seeds.</param>
    /// <param name="labelColumnName">The label column, a key with the model's classes.</param>
    /// <returns>Per-strength mean and standard deviation of micro and macro accuracy and log-loss, and the per-seed rows.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or the data does not fit it; the message names the column.</exception>
    public static SweepResult EvaluateRobustness(this MulticlassClassificationCatalog catalog, ITransformer model, IDataView data, RobustnessSweep sweep,
        string labelColumnName = "Label")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        return DataViewSweep.Run(ModelColumns.Require(model, nameof(model)), data, sweep, labelColumnName);
    }

    private static WeightPerturbationEstimator WeightPerturbation(TransformsCatalog catalog, ITransformer model, WeightPerturbationOptions options,
        Func<double, PerturbedLayers, WeightPerturbation> create)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new WeightPerturbationEstimator(ModelColumns.Require(model, nameof(model)), create(options.Fraction, options.Layers), options.Seed);
    }

    private static InputPerturbationEstimator InputPerturbation(TransformsCatalog catalog, ITransformer model, InputPerturbationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new InputPerturbationEstimator(ModelColumns.Require(model, nameof(model)), options);
    }
}
