using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// SYSTEMD_EXEC_PID decides when /proc cannot (the unit's ProtectProc=invisible). The booted-systemd test in
/// <see cref="PackageTests"/> checks the whole path under a real systemd; these pin the comparison itself.
/// </summary>
[TestFixture]
public sealed class SystemdDetectionTests
{
    [TestCase("4242", 4242, ExpectedResult = true)]
    [TestCase("4243", 4242, ExpectedResult = false, Description = "a child of the main process inherits the variable")]
    [TestCase("", 4242, ExpectedResult = false)]
    [TestCase(null, 4242, ExpectedResult = false)]
    [TestCase(" 4242", 4242, ExpectedResult = false, Description = "systemd writes digits only")]
    [TestCase("-4242", 4242, ExpectedResult = false)]
    [TestCase("99999999999", 4242, ExpectedResult = false)]
    public bool IsExecProcess_VariableAgainstPid(string? execPid, int processId) =>
        SystemdDetection.IsExecProcess(execPid, processId);
}
