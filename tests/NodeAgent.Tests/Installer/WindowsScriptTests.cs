using System.Text.RegularExpressions;
using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// install.ps1 and uninstall.ps1 as text. PowerShell cannot be installed on this Debian CI, and the scripts change a
/// Windows machine (services, ACLs, firewall), so nothing here runs them: these checks keep them short, plain and
/// Windows PowerShell 5.1 compatible, and hold the commands the issue asks for. A tester on Windows follows the
/// checklist in installer/README.md.
/// </summary>
[TestFixture]
[Category("Installer")]
public sealed partial class WindowsScriptTests
{
    private const int MaximumLines = 120;

    // PowerShell 6+ only: pipeline chains, null operators, cmdlets and parameters that 5.1 lacks.
    private static readonly string[] NotInPowerShell51 =
        ["&&", "||", "??", "?.", "Remove-Service", "-Parallel", "utf8NoBOM", "AutomaticDelayedStart", "-AsByteStream", "-SecurityDescriptorSddl"];

    [TestCase("install.ps1")]
    [TestCase("uninstall.ps1")]
    public void Script_Text_IsShortAsciiAndStrict(string script)
    {
        var path = InstallerTools.Windows(script);
        var text = File.ReadAllText(path);
        var lines = File.ReadAllLines(path);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.LessThan(MaximumLines), "short enough to review line by line");
            // Windows PowerShell 5.1 reads a file without a byte order mark in the ANSI code page: ASCII only.
            Assert.That(text.Where(c => c > '\x7f'), Is.Empty, "non-ASCII characters");
            Assert.That(text, Does.StartWith("#Requires -Version 5.1"));
            // Windows PowerShell (Desktop), not PowerShell 7: New-EventLog and Remove-EventLog exist only there.
            Assert.That(text, Does.Contain("#Requires -PSEdition Desktop"));
            Assert.That(text, Does.Contain("#Requires -RunAsAdministrator"));
            Assert.That(text, Does.Contain("$ErrorActionPreference = 'Stop'"));
        });
    }

    [TestCase("install.ps1")]
    [TestCase("uninstall.ps1")]
    public void Script_Code_UsesNothingNewerThanPowerShell51(string script)
    {
        var code = Code(script);

        Assert.Multiple(() =>
        {
            foreach (var construct in NotInPowerShell51)
            {
                Assert.That(code, Does.Not.Contain(construct), $"'{construct}' needs PowerShell 6 or later");
            }

            // In PowerShell "sc" is the alias of Set-Content: the service controller must be called as sc.exe.
            Assert.That(BareSc().IsMatch(code), Is.False, "sc without .exe is Set-Content");
        });
    }

    [Test]
    public void Install_Code_RegistersServiceRecoveryEventSourceAclAndFirewallRule()
    {
        var code = Code("install.ps1");

        Assert.Multiple(() =>
        {
            Assert.That(code, Does.Match(@"New-Service -Name \$name -BinaryPathName ""`""\$exe`"" run"""));
            Assert.That(code, Does.Contain("-StartupType Automatic"));
            Assert.That(code, Does.Contain("$account = \"NT SERVICE\\$name\""));
            // Invoke-Sc runs sc.exe and throws on a non-zero exit code.
            Assert.That(code, Does.Contain("& sc.exe @args"));
            Assert.That(code, Does.Contain("Invoke-Sc config $name obj= $account"));
            Assert.That(code, Does.Contain("Invoke-Sc sidtype $name unrestricted"));
            Assert.That(code, Does.Contain("Invoke-Sc failure $name reset= 86400 actions= restart/60000/restart/60000/restart/60000"));
            Assert.That(code, Does.Contain("New-EventLog -LogName Application -Source $name"));
            Assert.That(code, Does.Contain("Set-Acl -Path $Path -AclObject $acl"));
            Assert.That(code, Does.Contain("SetAccessRuleProtection($true, $false)"), "inherited entries (BUILTIN\\Users) removed");
            Assert.That(code, Does.Contain("Set-PrivateAcl -Path $dataDir -Rights 'Modify'"));
            Assert.That(code, Does.Match(@"New-NetFirewallRule .*-Direction Inbound -Action Allow"));
            Assert.That(code, Does.Contain("-Protocol TCP -LocalPort $Port"));
            Assert.That(code, Does.Contain("[int] $Port = 11112"));
            Assert.That(code, Does.Contain("if (-not (Test-Path $configFile))"), "an existing configuration is kept");
        });
    }

    [Test]
    public void Uninstall_Code_RemovesServiceAndFirewallRuleAndKeepsDataUnlessPurge()
    {
        var code = Code("uninstall.ps1");
        var purge = code.IndexOf("if ($Purge)", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(code, Does.Contain("[switch] $Purge"));
            Assert.That(code, Does.Contain("Stop-Service -Name $name"));
            Assert.That(code, Does.Contain("& sc.exe delete $name"));
            Assert.That(code, Does.Contain("Remove-NetFirewallRule -Name 'NodeAgent-DICOM'"));
            Assert.That(purge, Is.GreaterThan(0));
            Assert.That(code.IndexOf("Remove-Item -Path $configDir", StringComparison.Ordinal), Is.GreaterThan(purge), "the data goes only with -Purge");
        });
    }

    [Test]
    public void Scripts_FirewallRuleName_IsTheSameInBoth()
    {
        Assert.That(FirewallRuleName().Matches(Code("install.ps1")).Select(m => m.Groups["name"].Value).Distinct(),
            Is.EqualTo(FirewallRuleName().Matches(Code("uninstall.ps1")).Select(m => m.Groups["name"].Value).Distinct()));
    }

    /// <summary>The script without comments: <c>#</c> lines (and the <c>#Requires</c> lines) and the <c>&lt;# #&gt;</c> help block.</summary>
    private static string Code(string script)
    {
        var text = File.ReadAllText(InstallerTools.Windows(script));
        text = HelpBlock().Replace(text, "");
        return string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
    }

    [GeneratedRegex(@"<#.*?#>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HelpBlock();

    [GeneratedRegex(@"(?<![\w.\-])sc\s+(config|failure|failureflag|sidtype|delete|create|start|stop|query)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BareSc();

    [GeneratedRegex(@"-Name '(?<name>NodeAgent-[A-Za-z]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex FirewallRuleName();
}
