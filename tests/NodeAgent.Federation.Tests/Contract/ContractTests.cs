using Google.Protobuf.Reflection;
using NodeAgent.Federation.Contract;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Contract;

public sealed class ContractTests
{
    [Test]
    public void Descriptors_EveryMessageReachable_HaveNoBytesField()
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var offending = new List<string>();
        foreach (var message in FederationReflection.Descriptor.MessageTypes)
        {
            Walk(message, visited, offending);
        }

        foreach (var method in FederationReflection.Descriptor.Services.SelectMany(s => s.Methods))
        {
            Walk(method.InputType, visited, offending);
            Walk(method.OutputType, visited, offending);
        }

        Assert.Multiple(() =>
        {
            Assert.That(offending, Is.Empty, "a bytes field could carry pixel data or a record");
            // The walk reached the nested and imported messages, so it is not vacuous.
            Assert.That(visited, Does.Contain("nodeagent.federation.v1.ReleasedCell").And.Contain("google.protobuf.Timestamp"));
            Assert.That(visited, Has.Count.GreaterThanOrEqualTo(20));
        });
    }

    [Test]
    public void Service_Connect_IsOneBidirectionalStream()
    {
        var service = FederationReflection.Descriptor.Services.Single();
        var connect = service.Methods.Single();
        Assert.Multiple(() =>
        {
            Assert.That(FederationReflection.Descriptor.Package, Is.EqualTo("nodeagent.federation.v1"));
            Assert.That(connect.Name, Is.EqualTo("Connect"));
            Assert.That(connect.IsClientStreaming && connect.IsServerStreaming, Is.True);
            Assert.That(connect.InputType.FullName, Is.EqualTo("nodeagent.federation.v1.NodeMessage"));
            Assert.That(connect.OutputType.FullName, Is.EqualTo("nodeagent.federation.v1.HubMessage"));
        });
    }

    [Test]
    public void HubMessage_Kinds_AreQueryRequestAckPingOnly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(HubMessage.Descriptor.Fields.InDeclarationOrder().Select(f => f.Name), Is.EqualTo(new[] { "query_request", "ack", "ping" }));
            Assert.That(NodeMessage.Descriptor.Fields.InDeclarationOrder().Select(f => f.Name), Is.EqualTo(new[] { "hello", "heartbeat", "query_result", "ack" }));
        });
    }

    private static void Walk(MessageDescriptor message, HashSet<string> visited, List<string> offending)
    {
        if (!visited.Add(message.FullName))
        {
            return;
        }

        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (field.FieldType == FieldType.Bytes)
            {
                offending.Add($"{message.FullName}.{field.Name}");
            }

            if (field.FieldType is FieldType.Message or FieldType.Group)
            {
                Walk(field.MessageType, visited, offending);
            }
        }

        foreach (var nested in message.NestedTypes)
        {
            Walk(nested, visited, offending);
        }
    }
}
