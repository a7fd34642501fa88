namespace SparseAdaptive.Network;

    /// <summary>
    /// The links of a row visited in one pass: all of them in a sparse layer; in a dense one, those of a slice of
    /// sources, so that a layer of few rows and very many inputs (the 1M → 10 output layer) reads each input row once
    /// per slice for all its rows instead of once per row. Each link's own sum is the same either way.
    /// </summary>
internal readonly struct SourceSlices(SparseLayer layer)
    {
        /// <summary>Sources per slice of a dense layer: 256 KB of a block's activations.</summary>
        private const int DenseSlice = 1024;

        private readonly int[] _offsets = layer.RowOffsets;
        private readonly int _inputs = layer.InputSize;
        private readonly bool _dense = layer.IsDense;

        public int Length => _dense ? DenseSlice : _inputs;

        public (int Start, int End) Links(int row, int from) => _dense
            ? (_offsets[row] + from, _offsets[row] + Math.Min(from + DenseSlice, _inputs))
            : (_offsets[row], _offsets[row + 1]);
    }
