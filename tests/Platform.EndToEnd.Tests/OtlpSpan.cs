namespace Platform.EndToEnd.Tests;

/// <summary>A span as an OTLP exporter sent it: enough to follow one trace across processes.</summary>
public sealed record OtlpSpan(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, int Kind);
