using SparseAdaptive.Study.Cells;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

public class CellNamingTests
{
    private static Dictionary<string, string> Names(StudyOptions options) =>
        new StudyPlan(options).Cells.ToDictionary(c => c.Label, c => c.Name);

    [Fact]
    public void Equal_settings_give_equal_names_whatever_the_threads_output_or_data_folder()
    {
        var quick = TestStudies.Quick;

        var same = Names(quick with { Threads = 1, OutputDirectory = "elsewhere", DataRoot = "/other/data", Preset = "renamed" });

        same.Should().Equal(Names(quick));
        Names(quick).Values.Should().OnlyHaveUniqueItems();
        Names(quick)["mnist adaptive seed 0"].Should().MatchRegex("^mnist-adaptive-seed0-[0-9a-f]{12}$");
    }

    [Fact]
    public void A_setting_renames_exactly_the_cells_whose_results_it_changes()
    {
        var quick = TestStudies.Quick;
        var before = Names(quick);

        var labels = before.Keys.Where(l => l.StartsWith("mnist ", StringComparison.Ordinal)).Select(Unprefixed).ToArray();
        bool IsTraining(string label) => !label.Contains("measured", StringComparison.Ordinal) && !label.StartsWith("transfer", StringComparison.Ordinal);

        Changed(quick with { Dense = quick.Dense with { Epochs = 4 } }).Should().BeEquivalentTo(
            ["dense seed 0", "dense seed 1", "dense measured seed 0", "dense measured seed 1", "transfer seed 0", "transfer seed 1"],
            "the dense settings change the dense cells, and the cells that read their networks");
        Changed(quick with { ProbeCount = 100 }).Should().BeEquivalentTo(labels.Where(l => !l.StartsWith("dense", StringComparison.Ordinal)),
            "only sparse networks are probed during training, and every cell reading a sparse network changes with it");
        Changed(quick with { PgdCheckCount = 50 }).Should().BeEquivalentTo(labels.Where(l => l.EndsWith("measured seed 0", StringComparison.Ordinal)),
            "only training seed 0's measurements check the PGD's strength");
        Changed(quick with { TransferCount = 100 }).Should().BeEquivalentTo(["transfer seed 0", "transfer seed 1"]);
        Changed(quick with { Seeds = 3 }).Should().BeEmpty("a third seed adds cells and changes none of the others");
        Changed(quick with { Epsilons = [0, 0.1] }).Should().BeEquivalentTo(labels.Where(l => !IsTraining(l)),
            "measurements and transfer attacks use the ε list; training does not");
        Changed(quick with { NeuronFractions = [0, 0.5] }).Should().BeEquivalentTo(labels.Where(l => l.Contains("measured", StringComparison.Ordinal)));
        Changed(quick with { Sparsity = 0.98 }).Should().Contain(["adaptive seed 0", "static seed 0", "config-model seed 0"]).And.NotContain("adaptive sparsity-0.98 seed 0");

        // Per data set the same kinds change; the labels above leave the data set out.
        IEnumerable<string> Changed(StudyOptions changed)
        {
            var after = Names(changed);
            var renamed = before.Keys.Where(label => after.TryGetValue(label, out var name) && name != before[label]).ToArray();
            renamed.Count(l => l.StartsWith("mnist ", StringComparison.Ordinal)).Should().Be(renamed.Length / 2);
            return renamed.Where(l => l.StartsWith("mnist ", StringComparison.Ordinal)).Select(Unprefixed);
        }

        static string Unprefixed(string label) => string.Join(' ', label.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);
    }

    [Fact]
    public void Every_committed_cell_of_the_full_study_keeps_its_name()
    {
        // A key that changes renames a cell, and the committed study would be computed again from scratch.
        var committed = Directory.GetDirectories(Path.Combine(RepositoryProgram.RepositoryRoot(), "docs", "results", "cells"))
            .Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).ToArray();

        committed.Should().NotBeEmpty();
        new StudyPlan(StudyPresets.Full(DataSets.Root)).Cells.Select(c => c.Name).Should().Contain(committed);
    }

    [Fact]
    public void The_format_version_and_every_training_setting_are_part_of_the_key()
    {
        var cell = new StudyPlan(TestStudies.Quick).Cells[0];

        cell.Key.Settings.Should().Contain($"\"format\": {CellKey.FormatVersion}").And.Contain("\"RewireFraction\": 0.5")
            .And.Contain("\"Seed\": 0").And.NotContain("DataRoot");
    }
}
