namespace Microsoft.ML.SparseAdaptive.Tests;

/// <summary>Schema shapes for tests of estimators' schema propagation.</summary>
internal static class SchemaShapes
{
    /// <summary>The shape of <paramref name="schema"/>; ML.NET builds shapes from schemas internally only (its own chains ask estimators with them).</summary>
    public static SchemaShape Of(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [schema])!;
}
