using System.Reflection;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Reaches the MLContext behind a trainers catalog, for its seed and its Log.
/// </summary>
/// <remarks>
/// ML.NET exposes neither publicly: a catalog keeps its environment behind the internal interface
/// <c>Microsoft.ML.Data.IInternalCatalog</c>, and MLContext's seed is behind the internal
/// <c>Microsoft.ML.Runtime.IHostEnvironmentInternal</c>. Both are read by reflection; if a future ML.NET renames
/// them, the trainer still works, only without the context's seed and log (the callback still reports progress).
/// Logging itself uses the public <see cref="IChannelProvider.Start"/> and <see cref="IChannel"/>.
/// </remarks>
internal static class CatalogEnvironment
{
    /// <summary>The MLContext (as <see cref="IHostEnvironment"/>) behind a catalog object, or null.</summary>
    public static IHostEnvironment? Find(object catalog) =>
        InternalInterfaceProperty(catalog, "Microsoft.ML.Data.IInternalCatalog", "Environment") as IHostEnvironment;

    /// <summary>The seed the MLContext was created with, or null (none, or not reachable).</summary>
    public static int? FindSeed(IHostEnvironment? environment) =>
        environment is null ? null : InternalInterfaceProperty(environment, "Microsoft.ML.Runtime.IHostEnvironmentInternal", "Seed") as int?;

    private static object? InternalInterfaceProperty(object instance, string interfaceName, string propertyName)
    {
        try
        {
            var property = instance.GetType().GetInterfaces()
                .FirstOrDefault(i => i.FullName == interfaceName)
                ?.GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance);
            return property?.GetValue(instance);
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException)
        {
            return null;
        }
    }
}
