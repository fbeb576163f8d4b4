// backdoors.yar — Linux backdoor and botnet families by the strings their programs carry
// SPDX-License-Identifier: Apache-2.0
//
// Mirai and Gafgyt (Bashlite) are IoT DDoS bots, Tsunami (Kaiten) an IRC DDoS bot, XorDDoS a
// DDoS trojan with rootkit-like persistence. Each rule needs several strings of the family
// in one ELF program, so a lone word (a flood name, an IRC command) does not match.

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

rule Backdoor_Linux_Tsunami
{
    meta:
        description = "Tsunami/Kaiten IRC DDoS bot: its IRC command help and flood names"
        reference = "https://www.trendmicro.com/vinfo/us/threat-encyclopedia/malware/backdoor.linux.tsunami.a"
        category = "backdoor"
    strings:
        $k1 = "NOTICE %s :TSUNAMI" nocase
        $k2 = "NOTICE %s :Kaiten" nocase
        $k3 = "Kaiten wa goraku"
        $k4 = "GETSPOOFS"
        $k5 = "NOTICE %s :Spoofs" nocase
        $k6 = "PAN <target> <port> <secs>"
        $k7 = "UNKNOWN <target> <secs>"
        $k8 = "TSUNAMI <target> <secs>"
        $k9 = "KILLALL"
        $k10 = "NOTICE %s :Killing pid" nocase
        $k11 = "NOTICE %s :SYN flooding" nocase
        $i1 = "PRIVMSG"
        $i2 = "NICK "
    condition:
        2 of ($k*) and 1 of ($i*)
}

rule Backdoor_Linux_XorDDoS
{
    meta:
        description = "XorDDoS trojan: its XOR key and its cron/libudev persistence"
        reference = "https://www.microsoft.com/en-us/security/blog/2022/05/19/rise-in-xorddos-a-deeper-look-at-the-stealthy-ddos-malware-targeting-linux-devices/"
        category = "backdoor"
    strings:
        $key = "BB2FA36AAA9541F0"
        $p1 = "/etc/cron.hourly/gcc.sh"
        $p2 = "/lib/libudev.so"
        $p3 = "/var/run/gcc.pid"
        $p4 = "cp /lib/libudev.so /lib/libudev.so.6"
        $p5 = "sed -i '/\\/etc\\/cron.hourly\\/gcc.sh/d' /etc/crontab"
    condition:
        $key or 2 of ($p*)
}
