using System.Diagnostics;
using SparseAdaptive.Data;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// The cells of one or more output directories, each under <c>cells/NAME/</c>. New cells are written into the first
/// directory, whole or not at all: a cell is built in <c>cells/.partial/</c> and renamed into place only once every file
/// is written, so a process killed at any moment leaves no half cell. Reading looks in every directory, which is how
/// the results of several machines merge.
/// </summary>
internal sealed class CellStore
{
    private const string CellsFolder = "cells";
    private const string PartialFolder = ".partial";
    private const string FailedFolder = "failed";
    private const string KeyFile = "key.json";
    private const string RecordFile = "cell.json";

    private readonly string[] _directories;

    /// <summary>Writes into <paramref name="output"/>; reads from it and from <paramref name="merged"/>, in that order.</summary>
    public CellStore(string output, IEnumerable<string>? merged = null)
    {
        _directories = [Path.GetFullPath(output), .. (merged ?? []).Select(Path.GetFullPath).Where(d => d != Path.GetFullPath(output)).Distinct()];
    }

    /// <summary>The directory new cells are written into.</summary>
    public string Output => _directories[0];

    /// <summary>The folder of the complete cell <paramref name="cell"/>, or null when no directory holds it.</summary>
    public string? Find(StudyCell cell) =>
        _directories.Select(d => Path.Combine(d, CellsFolder, cell.Name)).FirstOrDefault(Directory.Exists);

    /// <summary>The folder of the complete cell <paramref name="cell"/>.</summary>
    /// <exception cref="InvalidOperationException">No directory holds it; the message names the cell.</exception>
    public string Require(StudyCell cell) => Find(cell)
        ?? throw new InvalidOperationException($"The cell {cell.Name} ({cell.Label}) is needed first but is not complete in {string.Join(" or ", _directories)}.");

    /// <summary>
    /// Creates <paramref name="cell"/>: <paramref name="write"/> fills an empty folder, which then becomes the cell's in one
    /// rename. On an exception nothing of the cell remains and the exception propagates.
    /// </summary>
    public void Write(StudyCell cell, Action<string> write)
    {
        string partial = Path.Combine(Output, CellsFolder, PartialFolder, $"{cell.Name}.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(partial);
        try
        {
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            File.WriteAllText(Path.Combine(partial, KeyFile), cell.Key.Settings);
            write(partial);
            CellJson.Write(Path.Combine(partial, RecordFile), new CellRecord(cell.Name, cell.Label, started, clock.Elapsed.TotalSeconds, MachineDescription.Current));
            string target = Path.Combine(Output, CellsFolder, cell.Name);
            try
            {
                Directory.Move(partial, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another process finished the same cell first; its results are the same.
            }
            string failed = FailurePath(Output, cell);
            if (File.Exists(failed))
            {
                File.Delete(failed);
            }
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
    }

    /// <summary>Records that <paramref name="cell"/> failed with <paramref name="error"/>, for the report and the next run.</summary>
    public void RecordFailure(StudyCell cell, Exception error)
    {
        string path = FailurePath(Output, cell);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, file => File.WriteAllText(file, $"{cell.Label}: {error.GetType().Name}: {error.Message}\n\n{error}\n"));
    }

    /// <summary>When and where the complete cell in <paramref name="directory"/> was computed.</summary>
    public static CellRecord ReadRecord(string directory) => CellJson.Read<CellRecord>(Path.Combine(directory, RecordFile));

    /// <summary>The first line of the recorded failure of <paramref name="cell"/> in any directory, or null.</summary>
    public string? Failure(StudyCell cell) =>
        _directories.Select(d => FailurePath(d, cell)).Where(File.Exists).Select(f => File.ReadLines(f).First()).FirstOrDefault();

    /// <summary>
    /// Deletes the partial cells that processes of this machine left when they were killed (those of live processes are
    /// kept: another run may be writing them); returns how many.
    /// </summary>
    public int RemoveAbandoned()
    {
        string folder = Path.Combine(Output, CellsFolder, PartialFolder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        int removed = 0;
        foreach (string partial in Directory.GetDirectories(folder))
        {
            string[] parts = Path.GetFileName(partial).Split('.');
            if (parts.Length >= 4 && parts[^3] == Environment.MachineName && int.TryParse(parts[^2], out int pid) && !IsRunning(pid))
            {
                Directory.Delete(partial, recursive: true);
                removed++;
            }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FailurePath(string directory, StudyCell cell) => Path.Combine(directory, FailedFolder, cell.Name + ".txt");
}
