namespace KalshiPS.Tools.Coverage;

/// <summary>One REST operation of Kalshi's OpenAPI spec. Path is relative to /trade-api/v2, with the spec's {parameter} names.</summary>
public sealed record SpecOperation(string OperationId, string Method, string Path, string Tag);
