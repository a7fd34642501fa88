using System.Globalization;
using SparseAdaptive.Study;

// Reports and CSV files read the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return new StudyCommand().Build(new StudyVerbs()).Parse(args).Invoke();
