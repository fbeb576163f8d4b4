// cracks.yar — cracks and keygens: Windows and Linux programs by their patch engines and scene credits
// SPDX-License-Identifier: Apache-2.0
//
// A cracked program rarely says so, but the tools that crack it do: patch engines, keygen
// credits, licence-server emulators, the agents that fake a JetBrains or Navicat licence, and
// "nulled" PHP scripts. category crack serves JD-1.1a ("no pirated or cracked programs").
// This file: rules whose condition needs a program (ELF or PE header); imgaudit runs it only
// over programs (checks/malware.c). Licence agents and activators are in activators.yar,
// nulled PHP in nulled.yar.

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
