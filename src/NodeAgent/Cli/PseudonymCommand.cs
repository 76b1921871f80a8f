using NodeAgent.Core.Deidentification;
using NodeAgent.Core.Secrets;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent pseudonym PATIENT_ID [--issuer X] [--config FILE]: prints the pseudonym the node gives the patient, from
/// the site secret and the site prefix, so the hospital can find a patient's data with no lookup table on disk.
/// </summary>
internal static class PseudonymCommand
{
    public static int Execute(Arguments arguments)
    {
        arguments.Expect("--issuer", "--config");
        var patientId = arguments.Required(0, "PATIENT_ID");
        if (arguments.Positional.Count > 1)
        {
            throw new UsageException("give one PATIENT_ID (quote an ID that holds spaces)");
        }

        var settings = AgentSettings.Load(arguments.Option("--config"));
        var secret = SiteSecret.Load(settings.DataDirectory);
        var pseudonyms = new Pseudonyms(secret.Bytes, settings.Deidentification.SitePrefix);
        Console.WriteLine(pseudonyms.PatientPseudonym(arguments.Option("--issuer"), patientId));
        return CommandLine.Ok;
    }
}
