using SparseAdaptive.Study.Cells;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

public class CellStoreTests
{
    private static readonly StudyPlan Plan = new(TestStudies.Quick);
    private static readonly StudyCell First = Plan.Cells[0];
    private static readonly StudyCell Second = Plan.Cells[1];

    private static string CellsFolder(string output) => Path.Combine(output, "cells");

    [Fact]
    public void A_written_cell_holds_its_files_its_key_and_where_it_was_computed()
    {
        using var directory = new TemporaryDirectory();
        var store = new CellStore(directory.Path);

        store.Write(First, folder => File.WriteAllText(Path.Combine(folder, "result.json"), "{}"));

        string cell = store.Find(First)!;
        cell.Should().Be(Path.Combine(CellsFolder(directory.Path), First.Name));
        File.ReadAllText(Path.Combine(cell, "result.json")).Should().Be("{}");
        File.ReadAllText(Path.Combine(cell, "key.json")).Should().Be(First.Key.Settings);
        CellStore.ReadRecord(cell).Name.Should().Be(First.Name);
        CellStore.ReadRecord(cell).Machine.Should().Contain(MachineDescription.VectorBits);
        Directory.GetDirectories(Path.Combine(CellsFolder(directory.Path), ".partial")).Should().BeEmpty();
        store.Find(Second).Should().BeNull();
    }

    [Fact]
    public void A_cell_interrupted_before_its_final_rename_is_absent()
    {
        using var directory = new TemporaryDirectory();
        var store = new CellStore(directory.Path);

        var act = () => store.Write(First, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "result.json"), "{}");
            throw new IOException("disk full");
        });

        act.Should().Throw<IOException>().WithMessage("disk full");
        store.Find(First).Should().BeNull();
        Directory.GetDirectories(CellsFolder(directory.Path)).Should().Equal([Path.Combine(CellsFolder(directory.Path), ".partial")]);
        Directory.GetFileSystemEntries(Path.Combine(CellsFolder(directory.Path), ".partial")).Should().BeEmpty();
    }

    [Fact]
    public void Partial_cells_of_killed_processes_are_absent_and_removed_while_those_of_live_ones_stay()
    {
        using var directory = new TemporaryDirectory();
        var store = new CellStore(directory.Path);
        string partials = Path.Combine(CellsFolder(directory.Path), ".partial");
        // A pid above Linux's maximum (2^22) belongs to no process.
        string killed = Directory.CreateDirectory(Path.Combine(partials, $"{First.Name}.{Environment.MachineName}.99999999.abc")).FullName;
        string live = Directory.CreateDirectory(Path.Combine(partials, $"{Second.Name}.{Environment.MachineName}.{Environment.ProcessId}.abc")).FullName;
        string otherMachine = Directory.CreateDirectory(Path.Combine(partials, $"{Second.Name}.another-host.99999999.abc")).FullName;
        File.WriteAllText(Path.Combine(killed, "result.json"), "{\"half");

        store.Find(First).Should().BeNull("a cell is complete only once renamed into place");
        store.RemoveAbandoned().Should().Be(1);

        Directory.Exists(killed).Should().BeFalse();
        Directory.Exists(live).Should().BeTrue("another run of this machine may still be writing it");
        Directory.Exists(otherMachine).Should().BeTrue("a process of another machine cannot be checked from here");
    }

    [Fact]
    public void A_failure_is_recorded_until_the_cell_completes()
    {
        using var directory = new TemporaryDirectory();
        var store = new CellStore(directory.Path);

        store.RecordFailure(First, new InvalidOperationException("diverged at epoch 3"));

        store.Failure(First).Should().Be($"{First.Label}: InvalidOperationException: diverged at epoch 3");
        store.Failure(Second).Should().BeNull();
        store.Write(First, _ => { });
        store.Failure(First).Should().BeNull();
    }

    [Fact]
    public void Cells_are_read_from_every_directory_and_written_to_the_first()
    {
        using var one = new TemporaryDirectory();
        using var two = new TemporaryDirectory();
        new CellStore(one.Path).Write(First, _ => { });
        new CellStore(two.Path).Write(Second, _ => { });

        var merged = new CellStore(one.Path, [two.Path]);

        merged.Find(First).Should().StartWith(one.Path);
        merged.Find(Second).Should().StartWith(two.Path);
        merged.Require(Second).Should().StartWith(two.Path);
        var act = () => merged.Require(Plan.Cells[2]);
        act.Should().Throw<InvalidOperationException>().WithMessage($"The cell {Plan.Cells[2].Name} (*) is needed first but is not complete in {one.Path} or {two.Path}.");
        merged.Output.Should().Be(one.Path);
    }
}
