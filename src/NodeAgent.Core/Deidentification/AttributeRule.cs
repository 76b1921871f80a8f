namespace NodeAgent.Core.Deidentification;

/// <summary>What the engine does with one attribute under the chosen options.</summary>
/// <param name="Action">The action to apply.</param>
/// <param name="Option">
/// The option whose column gave <paramref name="Action"/>, or null when it is the Basic Profile's (or a site
/// override's). For <see cref="DeidentificationAction.Clean"/> it says what cleaning means: shifting dates,
/// cleaning descriptors, and so on.
/// </param>
/// <param name="Fallback">
/// The action applied instead of <see cref="DeidentificationAction.Clean"/> where a value cannot be cleaned
/// (binary values, bitmaps): the Basic Profile action, so a value that cannot be cleaned is never kept.
/// </param>
/// <param name="IsOverride">True when a site override gave the action.</param>
public sealed record AttributeRule(
    DeidentificationAction Action,
    ProfileOption? Option,
    DeidentificationAction Fallback,
    bool IsOverride = false);
