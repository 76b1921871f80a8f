namespace NodeAgent.Core.Pipeline;

/// <summary>
/// Serialises work per key: the same instance arriving twice at once is processed one after the other, so the
/// duplicate check and the stored file always agree. Different keys never wait for each other.
/// </summary>
internal sealed class KeyedGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<TaskCompletionSource>?> _held = new(StringComparer.Ordinal);

    public Task EnterAsync(string key)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(key, out var waiters))
            {
                _held.Add(key, null);
                return Task.CompletedTask;
            }

            waiters ??= new Queue<TaskCompletionSource>();
            _held[key] = waiters;
            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Enqueue(turn);
            return turn.Task;
        }
    }

    public void Exit(string key)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(key, out var waiters) && waiters is { Count: > 0 })
            {
                waiters.Dequeue().SetResult();
                return;
            }

            _held.Remove(key);
        }
    }
}
