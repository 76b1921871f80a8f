namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Presentation-context-ID values: odd integers between 1 and 255 (PS3.8 §9.3.2.2, §9.3.5.1).</summary>
internal static class ContextId
{
    public static bool IsValid(byte id) => (id & 1) == 1;

    public static void Check(byte id, string parameter)
    {
        if (!IsValid(id))
        {
            throw new ArgumentOutOfRangeException(parameter, id, "A presentation-context-ID must be an odd integer between 1 and 255.");
        }
    }
}
