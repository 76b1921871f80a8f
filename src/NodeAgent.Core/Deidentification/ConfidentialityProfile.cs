using System.Collections.Frozen;
using System.Globalization;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// PS3.15 Table E.1-1 resolved for one choice of options and site overrides: for each attribute, the one action
/// the engine applies. The table is data generated from the standard by tools/generate-deidentification-profile.py
/// (DESIGN decision 4); resolving it once gives a frozen lookup, so de-identifying an instance costs one dictionary
/// probe per element. Immutable and thread-safe.
/// </summary>
public sealed partial class ConfidentialityProfile
{
    private static readonly Lazy<ProfileAttribute[]> Rows = new(ParseTable, LazyThreadSafetyMode.ExecutionAndPublication);

    // Person names and dates that the table does not list (DICONDE and DICOS attributes, attributes newer than the
    // table) are identifying by their VR alone, so they are treated like the table's own names and dates.
    private static readonly ProfileAttribute UnlistedPersonName =
        new(default, uint.MaxValue, "Person name not in Table E.1-1", false, "X", FrozenDictionary<ProfileOption, DeidentificationAction>.Empty);

    private static readonly ProfileAttribute UnlistedDate =
        new(default, uint.MaxValue, "Date not in Table E.1-1", false, "X", new Dictionary<ProfileOption, DeidentificationAction>
        {
            [ProfileOption.RetainLongitudinalFullDates] = DeidentificationAction.Keep,
            [ProfileOption.RetainLongitudinalModifiedDates] = DeidentificationAction.Clean,
        }.ToFrozenDictionary());

    private readonly FrozenDictionary<uint, AttributeRule> _exact;
    private readonly (ProfileAttribute Row, AttributeRule Rule)[] _repeating;
    private readonly AttributeRule _unlistedPersonName;
    private readonly AttributeRule _unlistedDate;

    private ConfidentialityProfile(DeidentificationOptions options)
    {
        Options = options;
        var exact = new Dictionary<uint, AttributeRule>();
        var repeating = new List<(ProfileAttribute, AttributeRule)>();
        foreach (var row in Rows.Value)
        {
            var rule = Resolve(row, options);
            if (row.IsPrivateAttributes)
            {
                PrivateAttributes = rule;
            }
            else if (row.IsRepeating)
            {
                repeating.Add((row, rule));
            }
            else
            {
                exact.Add(row.Tag.Value, rule);
            }
        }

        foreach (var entry in options.Overrides)
        {
            var fallback = exact.TryGetValue(entry.Tag.Value, out var listed)
                ? listed.Fallback
                : repeating.FirstOrDefault(r => r.Item1.Matches(entry.Tag)).Item2?.Fallback ?? DeidentificationAction.Remove;
            exact[entry.Tag.Value] = new AttributeRule(entry.Action, null, fallback, IsOverride: true);
        }

        _exact = exact.ToFrozenDictionary();
        _repeating = [.. repeating];
        _unlistedPersonName = Resolve(UnlistedPersonName, options);
        _unlistedDate = Resolve(UnlistedDate, options);
        PrivateAttributes ??= new AttributeRule(DeidentificationAction.Remove, null, DeidentificationAction.Remove);
    }

    /// <summary>Every row of Table E.1-1 as generated, in tag order, the patterns and the private row last.</summary>
    public static IReadOnlyList<ProfileAttribute> Attributes => Rows.Value;

    /// <summary>The options and overrides this profile was resolved for.</summary>
    public DeidentificationOptions Options { get; }

    /// <summary>
    /// The rule of the row "(gggg,eeee) where gggg is odd": <see cref="DeidentificationAction.Remove"/> removes every
    /// private attribute; <see cref="DeidentificationAction.Clean"/> (Retain Safe Private) keeps those of Table
    /// E.3.10-1 and removes the rest.
    /// </summary>
    public AttributeRule PrivateAttributes { get; }

    /// <summary>Resolves the table for the options; the options are validated first.</summary>
    /// <exception cref="ArgumentException">The options cannot be applied (see <see cref="DeidentificationOptions.Validate"/>).</exception>
    public static ConfidentialityProfile Create(DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid de-identification options: " + string.Join(" ", errors), nameof(options));
        }

        return new ConfidentialityProfile(options);
    }

    /// <summary>
    /// The rule for a standard attribute that Table E.1-1 lists or a site override names; the private row's rule for
    /// a private attribute; null for an attribute the table does not list (which the Basic Profile keeps).
    /// </summary>
    public AttributeRule? Find(DicomTag tag)
    {
        if (tag.IsPrivate)
        {
            return PrivateAttributes;
        }

        if (_exact.TryGetValue(tag.Value, out var rule))
        {
            return rule;
        }

        foreach (var (row, repeatingRule) in _repeating)
        {
            if (row.Matches(tag))
            {
                return repeatingRule;
            }
        }

        return null;
    }

    /// <summary>
    /// Like <see cref="Find(DicomTag)"/>, and for an attribute the table does not list, a rule from its VR: a person
    /// name (PN) is removed and a date (DA, DT) is treated like the table's dates, since both identify whatever
    /// attribute holds them.
    /// </summary>
    public AttributeRule? Find(DicomTag tag, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(vr);
        return Find(tag) ?? (vr == DicomVR.PN ? _unlistedPersonName
            : vr == DicomVR.DA || vr == DicomVR.DT ? _unlistedDate
            : null);
    }

    /// <summary>
    /// The action of one row under the options. A selected option's action replaces the Basic Profile action
    /// (that is what an option is, PS3.15 E.3). Where several selected options give different actions, the one
    /// that discloses less wins: Retain Device Identity keeps a calibration date (K) but Retain Longitudinal
    /// Temporal Information with Modified Dates shifts it (C), so with both it is shifted. PS3.15 does not order
    /// the options; this is the conservative reading.
    /// </summary>
    internal static AttributeRule Resolve(ProfileAttribute row, DeidentificationOptions options)
    {
        var basic = row.BasicAction;
        DeidentificationAction? chosen = null;
        ProfileOption? source = null;
        foreach (var option in Enum.GetValues<ProfileOption>())
        {
            if (options.IsSelected(option) && row.Options.TryGetValue(option, out var action)
                && (chosen is null || Disclosure(action) < Disclosure(chosen.Value)))
            {
                chosen = action;
                source = option;
            }
        }

        return new AttributeRule(chosen ?? basic, source, basic);
    }

    // How much of the original an action lets through: keeping everything, a cleaned value, a consistent
    // replacement UID, a dummy, an empty value, nothing.
    private static int Disclosure(DeidentificationAction action) => action switch
    {
        DeidentificationAction.Keep => 5,
        DeidentificationAction.Clean => 4,
        DeidentificationAction.ReplaceUid => 3,
        DeidentificationAction.Dummy => 2,
        DeidentificationAction.Empty => 1,
        _ => 0,
    };

    private static ProfileAttribute[] ParseTable()
    {
        var options = Enum.GetValues<ProfileOption>();
        var rows = new List<ProfileAttribute>(RowCount);
        foreach (var line in Table.Split('\n'))
        {
            // A checkout with CRLF line endings puts a CR at the end of each line of the raw string literal.
            var fields = line.TrimEnd('\r').Split('|');
            if (fields.Length != 5 || fields[2].Length != options.Length)
            {
                throw new InvalidOperationException($"Confidentiality profile line '{line}' is malformed; regenerate it.");
            }

            var (tag, mask) = ParseTag(fields[0]);
            var actions = new Dictionary<ProfileOption, DeidentificationAction>();
            for (var i = 0; i < options.Length; i++)
            {
                if (fields[2][i] != '-')
                {
                    actions.Add(options[i], ProfileAttribute.ResolveBasic(fields[2][i].ToString()));
                }
            }

            var row = new ProfileAttribute(tag, mask, fields[4], fields[3] == "R", fields[1], actions.ToFrozenDictionary());
            _ = row.BasicAction;
            rows.Add(row);
        }

        return rows.Count == RowCount
            ? [.. rows]
            : throw new InvalidOperationException($"The confidentiality profile has {rows.Count} rows, not {RowCount}; regenerate it.");
    }

    private static (DicomTag Tag, uint Mask) ParseTag(string text)
    {
        if (text == "ODD")
        {
            return (default, 0);
        }

        var mask = 0u;
        foreach (var digit in text)
        {
            mask = (mask << 4) | (digit == 'X' ? 0x0u : 0xFu);
        }

        var value = uint.Parse(text.Replace('X', '0'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return (new DicomTag(value), mask);
    }
}
