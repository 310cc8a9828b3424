namespace Platform3.Trading.Decisions;

/// <summary>
/// How the decision engine hands work to the trading engine (the OMS): backtest, paper and live each plug in
/// their own, and the decision code does not change.
/// </summary>
public interface IExecutionGateway
{
    /// <summary>Turns an approved plan into orders (entry, bracket, slices).</summary>
    void Submit(ExecutionPlan plan);

    /// <summary>Cancels every working order (the kill switch).</summary>
    void CancelAllWorking(string reason);

    /// <summary>Closes every open position at market (the kill switch with flatten).</summary>
    void FlattenAll(string reason);
}
