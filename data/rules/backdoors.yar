// backdoors.yar — Linux IoT botnets in programs: Mirai and Gafgyt
// SPDX-License-Identifier: Apache-2.0
//
// Mirai and Gafgyt (Bashlite) are IoT DDoS bots. Each rule needs several strings of the family
// in one ELF program, so a lone word (a flood name, an IRC command) does not match. Their
// conditions need an ELF header: imgaudit runs this file only over programs (checks/malware.c);
// Tsunami and XorDDoS, whose sources and droppers are scripts too, are in trojans.yar.

rule Backdoor_Linux_Mirai
{
    meta:
        description = "Mirai IoT botnet (or a variant): watchdog disabling, attack and scanner strings"
        reference = "https://github.com/jgamblin/Mirai-Source-Code"
        category = "backdoor"
    strings:
        $w1 = "/dev/watchdog"
        $w2 = "/dev/misc/watchdog"
        $a1 = "TSource Engine Query"
        $a2 = "/bin/busybox MIRAI"
        $a3 = "LCOGQGPTGP"
        $a4 = "dvrHelper"
        $a5 = "MIRAI:" 
        $a6 = "POST /cdn-cgi/"
        $a7 = "/proc/net/tcp"
        $a8 = "ZOLARDR"
        $a9 = "PMMV"
        $a10 = "FGDCWNV"
    condition:
        uint32(0) == 0x464c457f and 1 of ($w*) and 3 of ($a*)
}

rule Backdoor_Linux_Gafgyt
{
    meta:
        description = "Gafgyt/Bashlite IoT botnet: its command-and-control verbs and flood names"
        reference = "https://unit42.paloaltonetworks.com/unit42-new-iotlinux-malware-targets-dvrs-forms-botnet/"
        category = "backdoor"
    strings:
        $c1 = "KILLATTK"
        $c2 = "LOLNOGTFO"
        $c3 = "GETLOCALIP"
        $c4 = "gayfgt" nocase
        $c5 = "PONG!"
        $c6 = "UDP Flooding"
        $c7 = "TCP Flooding"
        $c8 = "HOLD Flooding"
        $c9 = "JUNK Flooding"
        $c10 = "STD Flooding"
        $c11 = "HTTPFLOOD"
        $c12 = "[vseattack]"
        $c13 = "BOGOMIPS"
        $c14 = "Self Rep Fucking"
        $c15 = "/bin/busybox;echo -e"
    condition:
        uint32(0) == 0x464c457f and 3 of them
}
