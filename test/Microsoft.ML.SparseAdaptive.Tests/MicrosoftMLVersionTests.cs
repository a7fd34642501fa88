using System.Reflection;

namespace Microsoft.ML.SparseAdaptive.Tests;

/// <summary>
/// The tests run against the ML.NET the build selected (MicrosoftMLVersion in Directory.Build.props: 5.0.1, or
/// 6.0.0 in build/test.sh's second run), not against whichever version restore happened to bring.
/// </summary>
public class MicrosoftMLVersionTests
{
    [Fact]
    public void The_loaded_ML_NET_is_the_version_the_build_selected()
    {
        string? selected = typeof(MicrosoftMLVersionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "MicrosoftMLVersion")?.Value;
        string loaded = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        selected.Should().NotBeNullOrEmpty("the test project records the MicrosoftMLVersion it was built with");
        loaded.Should().StartWith(selected + "+", "MLContext's assembly carries the package version, then the commit");
    }
}
