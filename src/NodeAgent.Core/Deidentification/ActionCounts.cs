namespace NodeAgent.Core.Deidentification;

/// <summary>The counts of one run of the engine.</summary>
internal sealed class ActionCounts
{
    private static readonly DeidentificationAction[] AllActions = Enum.GetValues<DeidentificationAction>();

    private readonly int[] _actions = new int[AllActions.Length];

    public int PrivateKept { get; set; }

    public int PrivateRemoved { get; set; }

    public int UnknownRemoved { get; set; }

    public int Unprocessable { get; set; }

    public void Add(DeidentificationAction action, int count = 1) => _actions[(int)action] += count;

    public DeidentificationResult ToResult(string pseudonym) => new(
        pseudonym,
        AllActions.ToDictionary(action => action, action => _actions[(int)action]),
        PrivateKept,
        PrivateRemoved,
        UnknownRemoved,
        Unprocessable);
}
