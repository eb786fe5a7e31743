using System.Buffers;
using MessagePack;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace BusinessValue.Testing.Circuits;

/// <summary>
/// SignalR's MessagePack hub protocol under the name Blazor's hub accepts ("blazorpack", version 1): each message
/// is a MessagePack array behind a varint length. Arguments are read by their wire type, not bound to declared
/// parameter types, so a server that adds an argument to a client call (as .NET 10 did to JS.BeginInvokeJS) is
/// still understood. Only what a circuit needs is written: invocations, pings, cancellations and close.
/// </summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private const int InvocationType = 1;
    private const int CompletionType = 3;
    private const int CancelInvocationType = 5;
    private const int PingType = 6;
    private const int CloseType = 7;
    private const int ErrorResult = 1;
    private const int NonVoidResult = 3;

    public string Name => "blazorpack";

    public int Version => 1;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => version == Version;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        message = null;
        if (!TryReadLength(input, out var length, out var prefix) || input.Length < prefix + length)
        {
            return false;
        }

        var payload = input.Slice(prefix, length);
        input = input.Slice(payload.End);
        var reader = new MessagePackReader(payload);
        var count = reader.ReadArrayHeader();
        var type = reader.ReadInt32();
        switch (type)
        {
            case InvocationType:
                SkipHeaders(ref reader);
                var invocationId = reader.TryReadNil() ? null : reader.ReadString();
                var target = reader.ReadString()!;
                var argumentCount = reader.ReadArrayHeader();
                var arguments = new object?[argumentCount];
                for (var i = 0; i < argumentCount; i++)
                {
                    arguments[i] = ReadValue(ref reader);
                }

                message = new InvocationMessage(string.IsNullOrEmpty(invocationId) ? null : invocationId, target, arguments);
                return true;
            case CompletionType:
                SkipHeaders(ref reader);
                var id = reader.ReadString()!;
                var kind = reader.ReadInt32();
                message = kind switch
                {
                    ErrorResult => CompletionMessage.WithError(id, reader.ReadString()),
                    NonVoidResult => CompletionMessage.WithResult(id, ReadValue(ref reader)),
                    _ => CompletionMessage.Empty(id),
                };
                return true;
            case CloseType:
                var error = reader.TryReadNil() ? null : reader.ReadString();
                var allowReconnect = count > 2 && reader.ReadBoolean();
                message = new CloseMessage(error, allowReconnect);
                return true;
            default:
                // Pings, and anything newer this client does not act on: keep the connection's clock running.
                message = PingMessage.Instance;
                return true;
        }
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = GetMessageBytes(message);
        output.Write(bytes.Span);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        var body = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        switch (message)
        {
            case InvocationMessage invocation:
                writer.WriteArrayHeader(6);
                writer.Write(InvocationType);
                writer.WriteMapHeader(0);
                if (invocation.InvocationId is null)
                {
                    writer.WriteNil();
                }
                else
                {
                    writer.Write(invocation.InvocationId);
                }

                writer.Write(invocation.Target);
                writer.WriteArrayHeader(invocation.Arguments.Length);
                foreach (var argument in invocation.Arguments)
                {
                    WriteValue(ref writer, argument);
                }

                writer.WriteArrayHeader(0);
                break;
            case CancelInvocationMessage cancel:
                writer.WriteArrayHeader(3);
                writer.Write(CancelInvocationType);
                writer.WriteMapHeader(0);
                writer.Write(cancel.InvocationId);
                break;
            case PingMessage:
                writer.WriteArrayHeader(1);
                writer.Write(PingType);
                break;
            case CloseMessage close:
                writer.WriteArrayHeader(3);
                writer.Write(CloseType);
                if (close.Error is null)
                {
                    writer.WriteNil();
                }
                else
                {
                    writer.Write(close.Error);
                }

                writer.Write(close.AllowReconnect);
                break;
            default:
                throw new NotSupportedException($"The circuit client does not send {message?.GetType().Name}.");
        }

        writer.Flush();
        var framed = new byte[body.WrittenCount + 5];
        var prefix = WriteLength(body.WrittenCount, framed);
        body.WrittenSpan.CopyTo(framed.AsSpan(prefix));
        return framed.AsMemory(0, prefix + body.WrittenCount);
    }

    private static void SkipHeaders(ref MessagePackReader reader)
    {
        var headers = reader.ReadMapHeader();
        for (var i = 0; i < headers * 2; i++)
        {
            reader.Skip();
        }
    }

    private static object? ReadValue(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                return reader.ReadInt64();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBytes()?.ToArray();
            default:
                // Arrays, maps and extensions: nothing a circuit's client calls carry that this client reads.
                reader.Skip();
                return null;
        }
    }

    private static void WriteValue(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case bool flag:
                writer.Write(flag);
                break;
            case string text:
                writer.Write(text);
                break;
            case int number:
                writer.Write(number);
                break;
            case long number:
                writer.Write(number);
                break;
            case byte[] bytes:
                writer.Write(bytes);
                break;
            default:
                throw new NotSupportedException($"The circuit client does not send arguments of type {value.GetType().Name}.");
        }
    }

    // SignalR's binary framing: the payload's length as a varint of at most five bytes, 7 bits each.
    private static bool TryReadLength(ReadOnlySequence<byte> input, out int length, out int prefix)
    {
        length = 0;
        prefix = 0;
        var reader = new SequenceReader<byte>(input);
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (!reader.TryRead(out var next))
            {
                return false;
            }

            prefix++;
            length |= (next & 0x7f) << shift;
            if ((next & 0x80) == 0)
            {
                return true;
            }
        }

        throw new InvalidDataException("A message length longer than five bytes.");
    }

    private static int WriteLength(int length, Span<byte> output)
    {
        var written = 0;
        do
        {
            var next = (byte)(length & 0x7f);
            length >>= 7;
            output[written++] = length > 0 ? (byte)(next | 0x80) : next;
        }
        while (length > 0);

        return written;
    }
}
