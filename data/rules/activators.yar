// activators.yar — licence agents, keygens and activators for commercial software (in programs and scripts)
// SPDX-License-Identifier: Apache-2.0
//
// category crack (JD-1.1a): the agents that fake a JetBrains licence, Navicat keygens and
// patchers, and Windows/Office KMS activators, by their names in any file.

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
