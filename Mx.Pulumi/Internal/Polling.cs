namespace Mx.Pulumi.Internal;

/// <summary>
/// Asks again, with a pause on the given clock, until an answer comes or the time is up; the clock is a
/// <see cref="TimeProvider"/> so that tests pass through minutes of waiting without sleeping.
/// </summary>
internal static class Polling
{
    /// <summary>The first non-null answer of <paramref name="ask"/>, or null when <paramref name="timeout"/> passed without one.</summary>
    public static T? Until<T>(Func<T?> ask, TimeProvider time, TimeSpan interval, TimeSpan timeout) where T : struct
    {
        var giveUpAt = time.GetUtcNow() + timeout;
        while (true)
        {
            if (ask() is { } answer) return answer;
            if (time.GetUtcNow() >= giveUpAt) return null;
            Task.Delay(interval, time).GetAwaiter().GetResult();
        }
    }
}
