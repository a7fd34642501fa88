using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Model;

public sealed partial class SparseAdaptiveTrainer
{
    /// <summary>
    /// Options of <see cref="SparseAdaptiveTrainer"/>. Defaults are those of the engine's <see cref="TrainingSettings"/>.
    /// </summary>
    public sealed class Options
    {
        private static readonly TrainingSettings Defaults = new();

        /// <summary>Label column: a key type (use MapValueToKey on raw labels). Default "Label".</summary>
        public string LabelColumnName = "Label";

        /// <summary>Feature column: a known-size vector of Single. Default "Features".</summary>
        public string FeatureColumnName = "Features";

        /// <summary>Sizes of the sparse hidden layers, input side first.</summary>
        public int[] HiddenLayerSizes = (int[])Defaults.HiddenLayerSizes.Clone();

        /// <summary>Fraction of absent links in each hidden layer, in [0, 1).</summary>
        public double Sparsity = Defaults.Sparsity;

        /// <summary>
        /// SET's ε parameterisation: when set, a hidden layer of n_in × n_out gets ε·(n_in + n_out) links and
        /// <see cref="Sparsity"/> is ignored. Must be positive.
        /// </summary>
        public double? Epsilon = Defaults.Epsilon;

        /// <summary>Whether the topology evolves between epochs (SET) or stays as initialised.</summary>
        public TopologyMode Topology = Defaults.Topology;

        /// <summary>Fraction of each sparse layer's links dropped and regrown after every epoch (adaptive topology only).</summary>
        public double RewireFraction = Defaults.RewireFraction;

        /// <summary>How the rewiring fraction changes over the epochs until rewiring stops (constant or cosine decay to 0).</summary>
        public RewireSchedule RewireSchedule = Defaults.RewireSchedule;

        /// <summary>Fraction of the epochs after which rewiring stops, in (0, 1]; 1 rewires after every epoch but the last.</summary>
        public double RewireEnd = Defaults.RewireEnd;

        /// <summary>Scale of a new link's initial weight relative to the initial weights' distribution (1 = same, 0 = zero).</summary>
        public double NewLinkWeightScale = Defaults.NewLinkWeightScale;

        /// <summary>Number of passes over the training data.</summary>
        public int NumberOfEpochs = Defaults.Epochs;

        /// <summary>Mini-batch size.</summary>
        public int BatchSize = Defaults.BatchSize;

        /// <summary>Initial learning rate of stochastic gradient descent.</summary>
        public float LearningRate = Defaults.LearningRate;

        /// <summary>Momentum of stochastic gradient descent.</summary>
        public float Momentum = Defaults.Momentum;

        /// <summary>L2 weight decay.</summary>
        public float L2Regularization = Defaults.L2Regularization;

        /// <summary>Probability of dropping a hidden unit during training.</summary>
        public float DropoutRate = Defaults.DropoutRate;

        /// <summary>How the learning rate changes over the epochs.</summary>
        public LearningRateSchedule LearningRateSchedule = Defaults.Schedule;

        /// <summary>
        /// Random seed (initial topology, weights, shuffling, rewiring). When null, the seed of the MLContext is used
        /// if the trainer was created through <c>mlContext.MulticlassClassification.Trainers</c> and that context has
        /// one; otherwise the engine's default seed. Results are identical for a seed on any number of threads.
        /// </summary>
        public int? Seed;

        /// <summary>Number of training threads; null or 0 means all cores.</summary>
        public int? NumberOfThreads;

        /// <summary>
        /// Optional validation data, scored after every epoch (or pass it to <c>Fit(trainData, validationData)</c>): the
        /// feature column and the label column, as raw class values or keys from any MapValueToKey, matched to the
        /// training classes by value; a class the training data lacks is rejected naming this option.
        /// </summary>
        public IDataView? ValidationSet;

        /// <summary>
        /// What the trained model does with a row it cannot score (a NaN or infinite feature, or features so large
        /// that the scores overflow): the missing PredictedLabel (the default) or an exception. Saved with the model.
        /// </summary>
        public NonFiniteFeatureHandling NonFiniteFeatures = NonFiniteFeatureHandling.PredictMissingLabel;

        /// <summary>
        /// Stops <c>Fit</c> before the next mini-batch with an <see cref="OperationCanceledException"/>; no model is
        /// returned. (MLContext.CancelExecution is internal to ML.NET 5 and is not observed: use this token.)
        /// </summary>
        public CancellationToken CancellationToken;

        /// <summary>
        /// Fraction of the training rows held out (seeded) and scored after every epoch when <see cref="ValidationSet"/>
        /// is null; 0 trains on all rows. In [0, 1).
        /// </summary>
        public double ValidationFraction = Defaults.ValidationFraction;

        /// <summary>Called after every epoch with its metrics; the same line also goes to the MLContext's Log.</summary>
        public Action<EpochReport>? EpochCompleted;

        /// <summary>Engine settings for these options, validated.</summary>
        /// <param name="contextSeed">Seed of the MLContext, used when <see cref="Seed"/> is null.</param>
        /// <exception cref="ArgumentException">An option is invalid; the exception names it.</exception>
        internal TrainingSettings ToTrainingSettings(int? contextSeed)
        {
            RequireColumnName(LabelColumnName, nameof(LabelColumnName));
            RequireColumnName(FeatureColumnName, nameof(FeatureColumnName));
            if (!Enum.IsDefined(NonFiniteFeatures))
            {
                throw InvalidOption(new InvalidSetting(nameof(NonFiniteFeatures), NonFiniteFeatures, "is not a known handling of non-finite features"));
            }
            var settings = new TrainingSettings
            {
                HiddenLayerSizes = HiddenLayerSizes is null ? null! : (int[])HiddenLayerSizes.Clone(),
                Sparsity = Sparsity,
                Epsilon = Epsilon,
                Topology = Topology,
                RewireFraction = RewireFraction,
                RewireSchedule = RewireSchedule,
                RewireEnd = RewireEnd,
                NewLinkWeightScale = NewLinkWeightScale,
                ValidationFraction = ValidationFraction,
                Epochs = NumberOfEpochs,
                BatchSize = BatchSize,
                LearningRate = LearningRate,
                Momentum = Momentum,
                L2Regularization = L2Regularization,
                DropoutRate = DropoutRate,
                Schedule = LearningRateSchedule,
                Seed = Seed ?? contextSeed ?? Defaults.Seed,
                NumberOfThreads = NumberOfThreads ?? Defaults.NumberOfThreads,
            };
            if (settings.FindInvalidSetting() is { } invalid)
            {
                throw InvalidOption(invalid);
            }
            return settings;
        }

        /// <summary>The exception for an invalid engine setting, named after the option that sets it.</summary>
        internal static ArgumentOutOfRangeException InvalidOption(InvalidSetting invalid)
        {
            string option = invalid.Name switch
            {
                nameof(TrainingSettings.Epochs) => nameof(NumberOfEpochs),
                nameof(TrainingSettings.Schedule) => nameof(LearningRateSchedule),
                _ => invalid.Name,
            };
            return new ArgumentOutOfRangeException(option, invalid.Value, $"Invalid SparseAdaptive option {invalid.Describe(option)}");
        }

        private static void RequireColumnName(string name, string option)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Invalid SparseAdaptive option {option}: a column name is required.", option);
            }
        }
    }
}
