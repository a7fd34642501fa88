namespace SparseAdaptive.Study;

/// <summary>The data sets of the study, both 28×28 grey-scale images of 10 classes.</summary>
internal enum DataSetName
{
    /// <summary>Hand-written digits.</summary>
    Mnist,

    /// <summary>Zalando's clothing images.</summary>
    FashionMnist,
}
