namespace Platform3.Trading.Kernel;

/// <summary>
/// A typed, synchronous, in-process publish/subscribe bus. Handlers run in subscription order on the
/// publisher's thread, so a backtest stays deterministic. Publishing to a topic with no subscriber costs
/// one dictionary lookup; hot publishers keep the <see cref="Topic{T}"/> and skip even that.
/// </summary>
public sealed class MessageBus
{
    private readonly Dictionary<Type, object> _topics = [];

    public Topic<T> Topic<T>()
    {
        if (_topics.TryGetValue(typeof(T), out var t)) return (Topic<T>)t;
        var topic = new Topic<T>();
        _topics[typeof(T)] = topic;
        return topic;
    }

    /// <summary>Subscribes a handler; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe<T>(Action<T> handler) => Topic<T>().Add(handler);

    public void Publish<T>(T message)
    {
        if (_topics.TryGetValue(typeof(T), out var t)) ((Topic<T>)t).Publish(message);
    }

    public bool HasSubscribers<T>() => _topics.TryGetValue(typeof(T), out var t) && ((Topic<T>)t).HasSubscribers;
}

/// <summary>The handlers of one message type.</summary>
public sealed class Topic<T>
{
    private Action<T>[] _handlers = [];

    public bool HasSubscribers => _handlers.Length > 0;

    internal IDisposable Add(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        // Copy on write: a handler may subscribe or unsubscribe while a publish is running.
        _handlers = [.. _handlers, handler];
        return new Subscription(this, handler);
    }

    private void Remove(Action<T> handler)
    {
        var i = Array.IndexOf(_handlers, handler);
        if (i < 0) return;
        var copy = new List<Action<T>>(_handlers);
        copy.RemoveAt(i);
        _handlers = copy.ToArray();
    }

    public void Publish(T message)
    {
        var handlers = _handlers;
        for (var i = 0; i < handlers.Length; i++) handlers[i](message);
    }

    private sealed class Subscription(Topic<T> topic, Action<T> handler) : IDisposable
    {
        private bool _disposed;
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            topic.Remove(handler);
        }
    }
}
