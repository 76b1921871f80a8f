using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>Polls a condition until it holds or the timeout passes (then fails with the description).</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string description) =>
        HoldsAsync(condition, timeout, () => description);

    /// <summary>As above, with a description made when it fails (to include the state at that time).</summary>
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> description)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:F0} s waiting for: {description()}");
            }

            await Task.Delay(20);
        }
    }
}
