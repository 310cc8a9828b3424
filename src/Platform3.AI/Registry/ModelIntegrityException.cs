using Platform3.Core.Errors;

namespace Platform3.AI.Registry;

/// <summary>A model artifact is missing or its SHA-256 differs from the registered one; the model is not loaded.</summary>
public sealed class ModelIntegrityException(string message) : DataException(message);
