using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

/// <summary>
/// The bits the input perturbations give at each vector width, recorded from the row-at-a-time step loops before the
/// step ran vectorised by block (issue 21). A change to an attack's arithmetic or to the order of its random draws
/// fails here; if that is intended, record the new hashes and rerun every published figure (docs/results).
/// </summary>
public class AttackRecordedBitsTests
{
    private const int Features = 40;
    private const int Classes = 5;

    // 512- and 256-bit kernels give the same bits on this network.
    public static TheoryData<string, string> Attacks => new()
    {
        { "fgsm", "9D91845DD098F94E447C5FE9263DE72056448DABCA99297287A836E410B08871" },
        { "pgd", "82CBA4CF2B8CCE16A05522F20AAED89F59516D733547F42641AD76674068330A" },
        { "pgd-restarts", "260B2656CEF6E1306DE014A2BFE0206E9E70B64D5349253AA3DAEE6AA44AC4AD" },
        { "noise", "4074C648D34FF711DC60A23409375178341DBF1CAA8DB6D85E0DB9B94E71A8CA" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void An_attack_reproduces_its_recorded_bits(string attack, string bits)
    {
        Vector256.IsHardwareAccelerated.Should().BeTrue("the recorded bits are those of the x64 kernels");
        var network = SmallNetworks.Random(seed: 3, density: 0.3, Features, 48, 32, Classes);
        var samples = SmallNetworks.UnitSamples(150, Features, Classes, seed: 4);
        InputPerturbation perturbation = attack switch
        {
            "fgsm" => new FgsmAttack(0.1f),
            "pgd" => new PgdAttack(0.1f, iterations: 5),
            "pgd-restarts" => new PgdAttack(0.05f, iterations: 3, restarts: 3),
            _ => new GaussianNoise(0.2f),
        };

        float[] perturbed = perturbation.Apply(network, samples, seed: 9, threads: 2);

        perturbed.Should().NotEqual(samples.Features, "the check must be of a real perturbation");
        Hash(perturbed).Should().Be(bits, $"the kernels run {(Vector512.IsHardwareAccelerated ? 512 : 256)}-bit vectors");
    }

    private static string Hash(float[] values) =>
        Convert.ToHexString(SHA256.HashData(values.SelectMany(v => BitConverter.GetBytes(BitConverter.SingleToUInt32Bits(v))).ToArray()));
}
