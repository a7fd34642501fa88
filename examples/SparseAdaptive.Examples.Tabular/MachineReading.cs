using Microsoft.ML.Data;

/// <summary>One row of data/train.csv and data/test.csv: a machine's readings and its inspected condition.</summary>
public sealed class MachineReading
{
    /// <summary>press, lathe or pump.</summary>
    [LoadColumn(0)]
    public string MachineType { get; set; } = "";

    /// <summary>Years in service.</summary>
    [LoadColumn(1)]
    public float AgeYears { get; set; }

    /// <summary>Shaft speed, revolutions per minute.</summary>
    [LoadColumn(2)]
    public float Rpm { get; set; }

    /// <summary>Housing temperature, °C.</summary>
    [LoadColumn(3)]
    public float TemperatureC { get; set; }

    /// <summary>Vibration velocity, mm/s.</summary>
    [LoadColumn(4)]
    public float VibrationMmS { get; set; }

    /// <summary>Hydraulic pressure, bar.</summary>
    [LoadColumn(5)]
    public float PressureBar { get; set; }

    /// <summary>The label: ok, worn or faulty.</summary>
    [LoadColumn(6)]
    public string Condition { get; set; } = "";
}
