using NodeAgent.Core.Spool;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Spool;

/// <summary>The end of a pixel data value is found however its bytes are split, and a broken one is noticed.</summary>
[TestFixture]
public sealed class PixelDataTrackerTests
{
    private const uint Undefined = 0xFFFF_FFFF;

    [Test]
    public void Accept_NativeValue_TakesExactlyItsLength()
    {
        var tracker = new PixelDataTracker(10);

        Assert.That(tracker.Accept(new byte[6]), Is.EqualTo(6));
        Assert.That(tracker.Complete, Is.False);
        Assert.That(tracker.Accept(new byte[8]), Is.EqualTo(4), "the rest belongs to elements after the pixel data");
        Assert.That(tracker.Complete, Is.True);
        Assert.That(tracker.Accept(new byte[3]), Is.Zero);
    }

    [Test]
    public void Accept_EncapsulatedValueInEveryFragmentSize_EndsAtTheSequenceDelimiter()
    {
        byte[] value = [.. Item(0), .. Item(6), .. Item(2), 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0];
        byte[] trailing = [0xFC, 0xFF, 0xFC, 0xFF];
        byte[] stream = [.. value, .. trailing];
        for (var size = 1; size <= stream.Length; size++)
        {
            var tracker = new PixelDataTracker(Undefined);
            var taken = 0;
            for (var offset = 0; offset < stream.Length && !tracker.Complete; offset += size)
            {
                taken += tracker.Accept(stream.AsSpan(offset, Math.Min(size, stream.Length - offset)));
            }

            Assert.That(tracker.Complete, Is.True, $"fragments of {size}");
            Assert.That(taken, Is.EqualTo(value.Length), $"fragments of {size}");
            Assert.That(tracker.Malformed, Is.False);
        }
    }

    [Test]
    public void Accept_EncapsulatedValueCut_NotComplete()
    {
        var tracker = new PixelDataTracker(Undefined);

        byte[] bytes = [.. Item(0), .. Item(6)];
        tracker.Accept(bytes.AsSpan(0, 12));

        Assert.That(tracker.Complete, Is.False);
        Assert.That(tracker.Malformed, Is.False);
    }

    [TestCase(new byte[] { 0x08, 0x00, 0x16, 0x00, 0, 0, 0, 0 }, TestName = "Accept_ElementWhereAnItemBelongs_MalformedAndNotTaken")]
    [TestCase(new byte[] { 0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF }, TestName = "Accept_FragmentOfUndefinedLength_MalformedAndNotTaken")]
    [TestCase(new byte[] { 0xFE, 0xFF, 0xDD, 0xE0, 4, 0, 0, 0 }, TestName = "Accept_DelimiterWithALength_MalformedAndNotTaken")]
    public void Accept_BrokenItemHeader(byte[] header)
    {
        var tracker = new PixelDataTracker(Undefined);
        byte[] stream = [.. Item(2), .. header];

        var taken = tracker.Accept(stream);

        Assert.That(tracker.Malformed, Is.True);
        Assert.That(tracker.Complete, Is.False);
        Assert.That(taken, Is.EqualTo(10), "only the good item is taken; the broken header stays for the long way");
    }

    private static byte[] Item(int length) => [0xFE, 0xFF, 0x00, 0xE0, (byte)length, 0, 0, 0, .. new byte[length]];
}
