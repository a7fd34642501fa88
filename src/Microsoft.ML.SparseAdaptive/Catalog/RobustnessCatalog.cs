using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Robustness;

namespace Microsoft.ML;

/// <summary>
/// ML.NET catalog entries of SparseAdaptive's robustness evaluation: weight perturbations that yield a copy of a model
/// with its network corrupted, input perturbations that rewrite its feature column, and sweeps over perturbation strengths.
/// Each takes a trained SparseAdaptive model: fresh from <c>Fit</c>, a pipeline containing one, or loaded from a file.
/// </summary>
public static class RobustnessCatalog
{
    /// <summary>Random link removal: each chosen layer of the model's network loses round(fraction × its links), picked at random.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">Fraction, layers and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the model with its network corrupted, every other step kept.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static WeightPerturbationEstimator RemoveLinks(this TransformsCatalog catalog, ITransformer model, LinkRemovalOptions options) =>
        catalog.PerturbWeights(model, options);

    /// <summary>Random link removal: each chosen layer of the model's network loses round(fraction × its links), picked at random.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="fraction">Fraction of each chosen layer's links to remove, in [0, 1].</param>
    /// <param name="layers">Which layers lose links; default the hidden (sparse) layers.</param>
    /// <param name="seed">Seed of the link choices; null uses the MLContext's seed, or 0 when it has none.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the model with its network corrupted, every other step kept.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static WeightPerturbationEstimator RemoveLinks(this TransformsCatalog catalog, ITransformer model, double fraction,
        PerturbedLayers layers = PerturbedLayers.Hidden, int? seed = null) =>
        catalog.RemoveLinks(model, new LinkRemovalOptions { Fraction = fraction, Layers = layers, Seed = seed });

    /// <summary>Link weight shuffling: in each chosen layer, the weights of round(fraction × its links) random links are permuted among themselves.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">Fraction, layers and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the model with its network corrupted, every other step kept.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static WeightPerturbationEstimator ShuffleLinkWeights(this TransformsCatalog catalog, ITransformer model, LinkWeightShuffleOptions options) =>
        catalog.PerturbWeights(model, options);

    /// <summary>Link weight shuffling: in each chosen layer, the weights of round(fraction × its links) random links are permuted among themselves.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="fraction">Fraction of each chosen layer's links whose weights are permuted, in [0, 1].</param>
    /// <param name="layers">Which layers are shuffled; default the hidden (sparse) layers.</param>
    /// <param name="seed">Seed of the link choices and permutations; null uses the MLContext's seed, or 0 when it has none.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the model with its network corrupted, every other step kept.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static WeightPerturbationEstimator ShuffleLinkWeights(this TransformsCatalog catalog, ITransformer model, double fraction,
        PerturbedLayers layers = PerturbedLayers.Hidden, int? seed = null) =>
        catalog.ShuffleLinkWeights(model, new LinkWeightShuffleOptions { Fraction = fraction, Layers = layers, Seed = seed });

    /// <summary>
    /// Neuron removal: each hidden layer of the model's network loses round(fraction × its neurons), every link in and
    /// out of them, at random or hubs first (see <see cref="NeuronRemoval"/>). For one hidden layer alone, use
    /// <see cref="PerturbWeights"/> with <see cref="NeuronRemovalOptions.HiddenLayer"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="fraction">Fraction of each hidden layer's neurons to remove, in [0, 1].</param>
    /// <param name="order">Which neurons go first; default at random.</param>
    /// <param name="seed">Seed of the random choice (the hub orders ignore it); null uses the MLContext's seed, or 0 when it has none.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the model with its network corrupted, every other step kept.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static WeightPerturbationEstimator RemoveNeurons(this TransformsCatalog catalog, ITransformer model, double fraction,
        NeuronOrder order = NeuronOrder.Random, int? seed = null) =>
        catalog.PerturbWeights(model, new NeuronRemovalOptions { Fraction = fraction, Order = order, Seed = seed });

    /// <summary>FGSM attack on the model's feature column, from the model's own gradients (see <see cref="FgsmAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">ε, label column, feature range and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator Fgsm(this TransformsCatalog catalog, ITransformer model, FgsmOptions options) =>
        catalog.PerturbInputs(model, options);

    /// <summary>FGSM attack on the model's feature column, from the model's own gradients (see <see cref="FgsmAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="epsilon">L∞ size of the change, ≥ 0.</param>
    /// <param name="labelColumnName">The label column to attack (the key the model was trained with, or the raw class values); null attacks each row's predicted class.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static InputPerturbationEstimator Fgsm(this TransformsCatalog catalog, ITransformer model, float epsilon, string? labelColumnName = "Label") =>
        catalog.Fgsm(model, new FgsmOptions { Epsilon = epsilon, LabelColumnName = labelColumnName });

    /// <summary>PGD attack on the model's feature column, from the model's own gradients (see <see cref="PgdAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">ε, step size, iterations, random start, restarts, label column, feature range and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator Pgd(this TransformsCatalog catalog, ITransformer model, PgdOptions options) =>
        catalog.PerturbInputs(model, options);

    /// <summary>PGD attack on the model's feature column, from the model's own gradients (see <see cref="PgdAttack"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="epsilon">Radius of the L∞ ball, ≥ 0.</param>
    /// <param name="numberOfIterations">Number of steps of size 2.5 ε / iterations, &gt; 0.</param>
    /// <param name="labelColumnName">The label column to attack (the key the model was trained with, or the raw class values); null attacks each row's predicted class.</param>
    /// <param name="seed">Seed of the random start; null uses the MLContext's seed, or 0 when it has none.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the attack transformer; append the model to it to score attacked inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static InputPerturbationEstimator Pgd(this TransformsCatalog catalog, ITransformer model, float epsilon, int numberOfIterations = 10,
        string? labelColumnName = "Label", int? seed = null) =>
        catalog.Pgd(model, new PgdOptions { Epsilon = epsilon, NumberOfIterations = numberOfIterations, LabelColumnName = labelColumnName, Seed = seed });

    /// <summary>Gaussian noise on the model's feature column, the non-adversarial control (see <see cref="global::SparseAdaptive.Robustness.GaussianNoise"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model (its feature column and input size are used).</param>
    /// <param name="options">σ, feature range and seed.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the noise transformer.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator GaussianNoise(this TransformsCatalog catalog, ITransformer model, GaussianNoiseOptions options) =>
        catalog.PerturbInputs(model, options);

    /// <summary>Gaussian noise on the model's feature column, the non-adversarial control (see <see cref="global::SparseAdaptive.Robustness.GaussianNoise"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model (its feature column and input size are used).</param>
    /// <param name="standardDeviation">σ of the noise, ≥ 0.</param>
    /// <param name="seed">Seed of the noise; null uses the MLContext's seed, or 0 when it has none.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the noise transformer.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an argument is out of range.</exception>
    public static InputPerturbationEstimator GaussianNoise(this TransformsCatalog catalog, ITransformer model, float standardDeviation, int? seed = null) =>
        catalog.GaussianNoise(model, new GaussianNoiseOptions { StandardDeviation = standardDeviation, Seed = seed });

    /// <summary>
    /// Evaluates a SparseAdaptive model on <paramref name="data"/> under every strength and seed of
    /// <paramref name="sweep"/> (built with <see cref="RobustnessSweep"/>'s factory methods), in the engine's batched kernels.
    /// </summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="model">A trained SparseAdaptive model; it is never modified.</param>
    /// <param name="data">Evaluation data with the model's feature column and a label column: the key the model was trained with, or the raw class values.</param>
    /// <param name="sweep">The perturbation, strengths and seeds.</param>
    /// <param name="labelColumnName">The label column.</param>
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

    /// <summary>
    /// Any perturbation of the model's network, given by its options class: of its links (<see cref="LinkRemovalOptions"/>,
    /// <see cref="TargetedLinkRemovalOptions"/>, <see cref="LinkWeightShuffleOptions"/>,
    /// <see cref="WithinNeuronWeightShuffleOptions"/>, ...) or of its neurons (<see cref="NeuronRemovalOptions"/>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">The perturbation's options: fraction and seed (and layers, for links), and its own.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the model with its network corrupted, every other step kept.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static WeightPerturbationEstimator PerturbWeights(this TransformsCatalog catalog, ITransformer model, NetworkPerturbationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new WeightPerturbationEstimator(model, ModelColumns.Require(model, nameof(model)), options.CreatePerturbation(), SeedOf(catalog, options.Seed));
    }

    /// <summary>
    /// Any input perturbation, given by its options class (<see cref="FgsmOptions"/>, <see cref="PgdOptions"/>,
    /// <see cref="GaussianNoiseOptions"/>, ...).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">A trained SparseAdaptive model.</param>
    /// <param name="options">The perturbation's options.</param>
    /// <returns>An estimator whose <c>Fit</c> returns the transformer; append the model to it to score perturbed inputs.</returns>
    /// <exception cref="ArgumentException">The model holds no SparseAdaptive model, or an option is out of range.</exception>
    public static InputPerturbationEstimator PerturbInputs(this TransformsCatalog catalog, ITransformer model, InputPerturbationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new InputPerturbationEstimator(ModelColumns.Require(model, nameof(model)), options, SeedOf(catalog, options.Seed));
    }

    // As ML.NET's own random transforms: an unset seed is the MLContext's, and 0 when the context has none either.
    private static int SeedOf(TransformsCatalog catalog, int? seed) =>
        seed ?? CatalogEnvironment.FindSeed(CatalogEnvironment.Find(catalog)) ?? 0;
}
