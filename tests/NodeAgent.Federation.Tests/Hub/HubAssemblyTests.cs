using NodeAgent.Hub.Hosting;
using NUnit.Framework;

namespace NodeAgent.Federation.Tests.Hub;

public sealed class HubAssemblyTests
{
    [Test]
    public void HubAssembly_References_ContractButNotCore()
    {
        var references = typeof(HubServer).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(references, Does.Contain("NodeAgent.Federation"));
            Assert.That(references, Does.Not.Contain("NodeAgent.Core"), "the hub uses the contract only; the engine stays on the nodes");
        });
    }
}
