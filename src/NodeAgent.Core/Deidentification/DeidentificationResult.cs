namespace NodeAgent.Core.Deidentification;

/// <summary>
/// What de-identifying one data set did, as counts only: safe to log (STYLE 8) since it holds no value of the data
/// set, only the patient's pseudonym.
/// </summary>
/// <param name="PatientPseudonym">The pseudonym that replaced the patient's ID and name.</param>
/// <param name="Actions">How many standard attributes each action was applied to, in every item of every sequence.</param>
/// <param name="PrivateKept">Private attributes kept as safe (PS3.15 Table E.3.10-1), creators included.</param>
/// <param name="PrivateRemoved">Private attributes removed, creators included.</param>
/// <param name="UnknownRemoved">Attributes removed because the data dictionary does not know them, and group lengths.</param>
/// <param name="Unprocessable">
/// Attributes whose value the chosen action could not process (a malformed date to shift, text that does not decode):
/// each got its row's Basic Profile action instead (counted there too), or was removed where that failed as well, where
/// no rule applies, or where a sequence could not be parsed or nests too deep.
/// </param>
public sealed record DeidentificationResult(
    string PatientPseudonym,
    IReadOnlyDictionary<DeidentificationAction, int> Actions,
    int PrivateKept,
    int PrivateRemoved,
    int UnknownRemoved,
    int Unprocessable)
{
    /// <summary>How many attributes <paramref name="action"/> was applied to.</summary>
    public int Count(DeidentificationAction action) => Actions.GetValueOrDefault(action);
}
