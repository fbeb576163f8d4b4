// cracks.yar — pirated software: cracks, keygens, licence patchers and activators
// SPDX-License-Identifier: Apache-2.0
//
// A cracked program rarely says so, but the tools that crack it do: patch engines, keygen
// credits, licence-server emulators, the agents that fake a JetBrains or Navicat licence, and
// "nulled" PHP scripts. category crack serves JD-1.1a ("no pirated or cracked programs").

rule Crack_Patcher_Engine
{
    meta:
        description = "crack patcher built with a known patch engine (diablo2oo2's dUP2, AT4RE Patcher, Universal Patcher)"
        reference = "https://en.wikipedia.org/wiki/Software_cracking"
        category = "crack"
    strings:
        $e1 = "diablo2oo2" nocase
        $e4 = "AT4RE Patcher" nocase
        $e5 = "Universal Patcher" nocase
        $e6 = "dup2 patch engine" nocase
        $e7 = "Patch Engine by" nocase
        $e8 = "Registry Patcher" nocase
    condition:
        (uint16(0) == 0x5a4d or uint32(0) == 0x464c457f) and 1 of ($e*)
}

rule Crack_Scene_Credits
{
    meta:
        description = "crack or keygen carrying scene credits (cracked by, keygen by, patched by)"
        reference = "https://en.wikipedia.org/wiki/Warez_scene"
        category = "crack"
    strings:
        $s1 = /\b(cracked|crack)\s+by\s*:?\s*[A-Za-z0-9\[]/ nocase
        $s2 = /\bkeygen(ned)?\s+by\s*:?\s*[A-Za-z0-9\[]/ nocase
        $s3 = /\bpatched\s+by\s*:?\s*[A-Za-z0-9\[]/ nocase
        $t1 = "serial" nocase
        $t2 = "registration" nocase
        $t3 = "licen" nocase
    condition:
        (uint16(0) == 0x5a4d or uint32(0) == 0x464c457f) and 1 of ($s*) and 1 of ($t*)
}

rule Crack_Licence_Agent
{
    meta:
        description = "licence-faking agent or keygen for commercial software (ja-netfilter/JetBrains agent, Navicat keygen/patcher)"
        reference = "https://www.jetbrains.com/legal/docs/toolbox/license/"
        category = "crack"
    strings:
        $j1 = "ja-netfilter" nocase
        $j2 = "jetbrains-agent.jar" nocase
        $j3 = "BetterIntelliJ" nocase
        $j4 = "jetbrains-agent-latest" nocase
        $n1 = "navicat-keygen" nocase
        $n2 = "navicat-patcher" nocase
        $v1 = "-javaagent:" nocase
        $v2 = "power.conf" nocase
    condition:
        1 of ($n*) or (1 of ($j*) and (1 of ($v*) or uint32(0) == 0x04034b50 or filesize < 4MB))
}

rule Crack_KMS_Activator
{
    meta:
        description = "Windows/Office activation crack or KMS server emulator (KMSpico, KMS_VL_ALL, KMSAuto, vlmcsd)"
        reference = "https://learn.microsoft.com/windows-server/get-started/kms-activation-planning"
        category = "crack"
    strings:
        $k1 = "KMSpico" nocase
        $k2 = "KMS_VL_ALL" nocase
        $k3 = "KMSAuto" nocase
        $k4 = "AutoPico" nocase
        $k5 = "vlmcsd" nocase
        $k6 = "HEU_KMS" nocase
        $k7 = "KMS Emulator" nocase
    condition:
        1 of ($k*)
}

rule Crack_Nulled_PHP
{
    meta:
        description = "nulled (licence-stripped) commercial PHP script: nulling credits"
        reference = "https://en.wikipedia.org/wiki/Warez"
        category = "crack"
    strings:
        $php = "<?"
        $n1 = /nulled\s+by\b/ nocase
        $n2 = "babiato" nocase
        $n3 = "nulljungle" nocase
        $n4 = "weadown" nocase
        $n5 = "null24.net" nocase
        $n6 = "NULLED BY" nocase
        $n7 = "codelist.cc" nocase
        $n8 = "gplchimp" nocase
    condition:
        $php and 1 of ($n*)
}
