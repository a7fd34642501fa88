using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// The best inputs found so far by an attack restarted from several random points: per sample, those of the restart
/// whose attacked class is furthest below another class (the earliest restart on a tie), so a sample counts as broken
/// when any restart breaks it.
/// </summary>
internal sealed class BestRestart
{
    private readonly BatchBuffer _inputs;
    private readonly float[] _margins;

    public BestRestart(AttackBatch batch)
    {
        _inputs = new BatchBuffer(batch.InputSize, batch.Inputs.Blocks);
        _margins = new float[batch.Count];
        Array.Fill(_margins, float.NegativeInfinity);
    }

    /// <summary>Scores the batch's current inputs and keeps those of each sample that beat its best so far.</summary>
    public void Consider(AttackBatch batch)
    {
        var margins = new float[batch.Count];
        batch.AttackMargins(margins);
        var inputs = batch.Inputs;
        for (int b = 0; b < margins.Length; b++)
        {
            // Written so that a NaN margin (from NaN logits) is still recorded rather than leaving no inputs kept.
            if (!(margins[b] <= _margins[b]))
            {
                _margins[b] = margins[b];
                for (int i = 0; i < batch.InputSize; i++)
                {
                    _inputs[i, b] = inputs[i, b];
                }
            }
        }
    }

    /// <summary>Puts the best inputs kept back into the batch.</summary>
    public void Restore(AttackBatch batch) => _inputs.CopyTo(batch.Inputs);
}
