namespace SparseAdaptive.Analysis;

/// <summary>The argument checks shared by the summaries of degree lists.</summary>
internal static class DegreeChecks
{
    /// <summary>Throws unless there is at least one degree and none is negative.</summary>
    public static void RequireValid(IReadOnlyList<int> degrees)
    {
        if (degrees.Count == 0)
        {
            throw new ArgumentException("There are no degrees to summarise: the list is empty.", nameof(degrees));
        }
        for (int i = 0; i < degrees.Count; i++)
        {
            if (degrees[i] < 0)
            {
                throw new ArgumentException($"Degree {i} is {degrees[i]}; a degree counts links and cannot be negative.", nameof(degrees));
            }
        }
    }
}
