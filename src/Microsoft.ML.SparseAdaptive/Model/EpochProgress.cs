using System.Globalization;
using Microsoft.ML.Runtime;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>Reports each epoch to the user's callback and, when the MLContext is reachable, to its Log.</summary>
internal sealed class EpochProgress : IDisposable
{
    private readonly IChannel? _channel;
    private readonly Action<EpochReport>? _callback;

    public EpochProgress(IHostEnvironment? environment, Action<EpochReport>? callback)
    {
        _channel = environment?.Start("SparseAdaptive");
        _callback = callback;
    }

    public void Report(EpochReport report)
    {
        _channel?.Info(MessageSensitivity.None, Format(report));
        _callback?.Invoke(report);
    }

    public void Dispose() => _channel?.Dispose();

    /// <summary>One log line per epoch, culture-invariant.</summary>
    public static string Format(EpochReport report)
    {
        var validation = report.ValidationAccuracy is { } accuracy
            ? string.Create(CultureInfo.InvariantCulture, $", validation accuracy {accuracy:P2}")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"Epoch {report.Epoch}/{report.Epochs}: loss {report.Loss:G5}, train accuracy {report.TrainAccuracy:P2}{validation}, " +
            $"{report.LinksRewired} links rewired, learning rate {report.LearningRate:G4}, {report.Seconds:F1} s");
    }
}
