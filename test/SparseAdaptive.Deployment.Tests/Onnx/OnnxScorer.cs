using Microsoft.ML.OnnxRuntime;

namespace SparseAdaptive.Deployment.Tests.Onnx;

/// <summary>Scores an exported ONNX file with ONNX Runtime: one float input [N, features], Score and PredictedLabel out.</summary>
internal static class OnnxScorer
{
    /// <summary>The outputs for <paramref name="count"/> samples of <paramref name="featureCount"/> features each.</summary>
    public static (float[] Scores, T[] PredictedLabels) Score<T>(string modelPath, string inputName, float[] features, int count, int featureCount)
    {
        using var session = new InferenceSession(modelPath);
        using var input = OrtValue.CreateTensorValueFromMemory(features, [count, featureCount]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [input], ["Score", "PredictedLabel"]);
        float[] scores = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        T[] labels = typeof(T) == typeof(string)
            ? (T[])(object)outputs[1].GetStringTensorAsArray()
            : outputs[1].GetTensorDataAsSpan<long>().ToArray().Select(value => (T)Convert.ChangeType(value, typeof(T))).ToArray();
        return (scores, labels);
    }
}
