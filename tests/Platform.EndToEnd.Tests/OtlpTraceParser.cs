namespace Platform.EndToEnd.Tests;

/// <summary>
/// Reads an OTLP ExportTraceServiceRequest (protobuf) far enough to list its spans. Written by hand
/// against opentelemetry-proto's trace.proto field numbers, to avoid generating the whole schema.
/// </summary>
public static class OtlpTraceParser
{
    public static List<OtlpSpan> Parse(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        var reader = new ProtoReader(request.ToArray());
        while (reader.Next(out var field, out var value))
        {
            if (field == 1) ReadResourceSpans(value, spans); // ExportTraceServiceRequest.resource_spans
        }

        return spans;
    }

    private static void ReadResourceSpans(byte[] resourceSpans, List<OtlpSpan> spans)
    {
        var service = "";
        var scopes = new List<byte[]>();
        var reader = new ProtoReader(resourceSpans);
        while (reader.Next(out var field, out var value))
        {
            if (field == 1) service = ReadServiceName(value);   // ResourceSpans.resource
            else if (field == 2) scopes.Add(value);            // ResourceSpans.scope_spans
        }

        foreach (var scopeSpans in scopes)
        {
            var scope = "";
            var scopeReader = new ProtoReader(scopeSpans);
            while (scopeReader.Next(out var field, out var value))
            {
                if (field == 1) scope = ReadString(value, 1);              // ScopeSpans.scope -> name
                else if (field == 2) spans.Add(ReadSpan(value, service, scope)); // ScopeSpans.spans
            }
        }
    }

    private static OtlpSpan ReadSpan(byte[] span, string service, string scope)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var reader = new ProtoReader(span);
        while (reader.Next(out var field, out var value, out var number))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = System.Text.Encoding.UTF8.GetString(value); break;
                case 6: kind = (int)number; break;
            }
        }

        return new OtlpSpan(service, scope, name, traceId, spanId, parent, kind);
    }

    // Resource.attributes are KeyValue { key = 1; AnyValue value = 2 { string_value = 1 } }.
    private static string ReadServiceName(byte[] resource)
    {
        var reader = new ProtoReader(resource);
        while (reader.Next(out var field, out var attribute))
        {
            if (field == 1 && ReadString(attribute, 1) == "service.name")
            {
                var keyValue = new ProtoReader(attribute);
                while (keyValue.Next(out var kvField, out var anyValue))
                {
                    if (kvField == 2) return ReadString(anyValue, 1);
                }
            }
        }

        return "";
    }

    private static string ReadString(byte[] message, int wanted)
    {
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var value))
        {
            if (field == wanted) return System.Text.Encoding.UTF8.GetString(value);
        }

        return "";
    }

    private sealed class ProtoReader(byte[] buffer)
    {
        private int position;

        public bool Next(out int field, out byte[] bytes) => Next(out field, out bytes, out _);

        /// <summary>The next field: length-delimited ones in <paramref name="bytes"/>, varints in <paramref name="number"/>.</summary>
        public bool Next(out int field, out byte[] bytes, out ulong number)
        {
            bytes = [];
            number = 0;
            field = 0;
            if (position >= buffer.Length) return false;

            var tag = ReadVarint();
            field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0: number = ReadVarint(); break;
                case 1: position += 8; break;
                case 2:
                    var length = (int)ReadVarint();
                    bytes = buffer[position..(position + length)];
                    position += length;
                    break;
                case 5: position += 4; break;
                default: throw new FormatException($"Unsupported protobuf wire type in tag {tag}.");
            }

            return true;
        }

        private ulong ReadVarint()
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = buffer[position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return result;
            }
        }
    }
}
