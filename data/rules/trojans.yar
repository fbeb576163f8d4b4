// trojans.yar — Tsunami/Kaiten and XorDDoS: in their programs, their sources and their droppers
// SPDX-License-Identifier: Apache-2.0
//
// Tsunami (Kaiten) is an IRC DDoS bot often built on the victim from its C source, XorDDoS a
// DDoS trojan whose cron script and file names are as telling as its program. category
// backdoor; searched in every scanned file.

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
