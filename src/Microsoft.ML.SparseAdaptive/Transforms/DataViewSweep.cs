using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Runs a <see cref="RobustnessSweep"/> on the network of a model over the rows of a data view.</summary>
internal static class DataViewSweep
{
    /// <summary>Reads the feature and label columns of <paramref name="data"/> once, then runs the sweep in the engine.</summary>
    public static SweepResult Run(SparseAdaptiveModel model, IDataView data, RobustnessSweep sweep, string labelColumnName)
    {
        model.CheckFeatures(data.Schema);
        var keyed = ModelColumns.WithLabelKey(data, labelColumnName, model);
        var (samples, classes) = TrainingDataReader.Read(keyed, model.FeatureColumnName, labelColumnName, "evaluation");
        if (classes.Count != model.ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(data),
                $"Label column '{labelColumnName}' has {classes.Count} classes, but the model scores {model.ClassCount}.");
        }
        return sweep.Run(model.Network, samples);
    }
}
