// miners.yar — cryptocurrency miners: XMRig and its forks, cpuminer, stratum pools, miner configs, Kinsing
// SPDX-License-Identifier: Apache-2.0
//
// Rules for what makes a file a miner (its own strings, options and configuration keys), not
// for any one sample. meta: description (what a finding says), reference (where the traits are
// documented), category (imgaudit's grouping: miner, webshell, reverse-shell, backdoor, crack,
// test).

rule Miner_XMRig
{
    meta:
        description = "XMRig cryptocurrency miner (or a fork): its own identifiers and algorithm names"
        reference = "https://xmrig.com/docs/miner/command-line-options"
        category = "miner"
    strings:
        $id1 = "xmrig" nocase
        $id2 = "XMRIG_VERSION"
        $id3 = "donate.v2.xmrig.com"
        $id4 = "xmrig-proxy" nocase
        $a1 = "cryptonight" nocase
        $a2 = "randomx" nocase
        $a3 = "rx/0"
        $a4 = "cn/r"
        $a5 = "kawpow" nocase
        $a6 = "argon2/chukwa"
        $o1 = "donate-level"
        $o2 = "nicehash"
        $o3 = "cpu-priority"
        $o4 = "huge-pages"
    condition:
        (1 of ($id*)) and (2 of ($a*)) and (1 of ($o*))
}

rule Miner_Stratum_Pool_URL
{
    meta:
        description = "stratum mining pool URL (stratum+tcp://, stratum+ssl://): a miner or its launcher"
        reference = "https://en.bitcoin.it/wiki/Stratum_mining_protocol"
        category = "miner"
    strings:
        $u1 = /stratum2?\+(tcp|ssl|tls|udp):\/\/[a-zA-Z0-9._-]{2,253}(:[0-9]{1,5})?/ nocase
    condition:
        $u1
}

rule Miner_Config_JSON
{
    meta:
        description = "cryptocurrency miner configuration (XMRig-style JSON: pools with url/user, donate-level)"
        reference = "https://xmrig.com/docs/miner/config"
        category = "miner"
    strings:
        $pools = "\"pools\""
        $url = "\"url\""
        $user = "\"user\""
        $d1 = "\"donate-level\""
        $d2 = "\"donate-over-proxy\""
        $k1 = "\"rig-id\""
        $k2 = "\"nicehash\""
        $k3 = "\"randomx\""
        $k4 = "\"cpu\""
        $k5 = "\"algo\""
        $k6 = "\"coin\""
        $k7 = "\"keepalive\""
    condition:
        filesize < 4MB and $pools and $url and $user and (1 of ($d*) or 3 of ($k*))
}

rule Miner_XMRig_Command_Line
{
    meta:
        description = "miner started with XMRig's command-line options (a launcher script, cron line or unit)"
        reference = "https://xmrig.com/docs/miner/command-line-options"
        category = "miner"
    strings:
        $o1 = "--donate-level"
        $o2 = "--randomx-1gb-pages"
        $o3 = "--cpu-max-threads-hint"
        $o4 = "--randomx-mode"
        $o5 = "--coin=monero"
        $o6 = "--nicehash"
        $o7 = "--rig-id"
        $url = / -o [a-zA-Z0-9._-]{2,253}:[0-9]{2,5}/
    condition:
        filesize < 4MB and (2 of ($o*) or (1 of ($o*) and $url))
}

rule Miner_CPUMiner
{
    meta:
        description = "cpuminer / minerd (pooler's CPU miner and its forks)"
        reference = "https://github.com/pooler/cpuminer"
        category = "miner"
    strings:
        $n1 = "cpuminer" nocase
        $n2 = "Usage: minerd"
        $n3 = "cpuminer-multi" nocase
        $n4 = "cpuminer-opt" nocase
        $p1 = "stratum" nocase
        $p2 = "getwork"
        $p3 = "getblocktemplate"
        $p4 = "mining.subscribe"
        $p5 = "mining.submit"
    condition:
        1 of ($n*) and 2 of ($p*)
}

rule Miner_Stratum_Protocol_Client
{
    meta:
        description = "program speaking the stratum mining protocol (login/subscribe, submit, job) to a pool"
        reference = "https://github.com/xmrig/xmrig/blob/master/src/base/net/stratum/Client.cpp"
        category = "miner"
    strings:
        $m1 = "mining.subscribe"
        $m2 = "mining.authorize"
        $m3 = "mining.submit"
        $m4 = "mining.notify"
        $m5 = "mining.set_difficulty"
        $x1 = "\"method\":\"login\"" nocase
        $x2 = "\"method\":\"submit\"" nocase
        $x3 = "\"job_id\""
        $x4 = "\"nonce\""
    condition:
        3 of ($m*) or (($x1 or $x2) and $x3 and $x4)
}

rule Miner_Monero_Wallet_With_Pool
{
    meta:
        description = "Monero wallet address given as the pool user next to a pool (a miner's configuration or launcher)"
        reference = "https://www.getmonero.org/resources/moneropedia/address.html"
        category = "miner"
    strings:
        $wallet = /(-u[ =]\s*|--user[= ]\s*|"user"\s*:\s*")[48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}/
        $p2 = "stratum" nocase
        $p3 = "moneroocean" nocase
        $p4 = "supportxmr" nocase
        $p5 = "nanopool" nocase
        $p6 = "hashvault" nocase
        $p7 = "c3pool" nocase
        $p8 = "minexmr" nocase
        $p9 = "herominers" nocase
        $p10 = "unmineable" nocase
        $p11 = "2miners" nocase
        $p12 = "f2pool" nocase
        $p13 = "xmrpool" nocase
        $p14 = "minergate" nocase
    condition:
        filesize < 16MB and $wallet and 1 of ($p*)
}

rule Miner_Pool_Host
{
    meta:
        description = "known Monero mining pool host with a port (a miner's configuration or launcher)"
        reference = "https://miningpoolstats.stream/monero"
        category = "miner"
    strings:
        $h = /(pool\.supportxmr\.com|supportxmr\.com|xmr\.nanopool\.org|gulf\.moneroocean\.stream|moneroocean\.stream|c3pool\.com|pool\.hashvault\.pro|hashvault\.pro|pool\.minexmr\.com|xmrpool\.eu|xmr\.2miners\.com|monero\.herominers\.com|xmr-[a-z]{2,6}[0-9]?\.nanopool\.org|pool\.minergate\.com|xmr\.pool\.minergate\.com|rx\.unmineable\.com|xmr\.f2pool\.com|pool\.xmr\.pt|monerohash\.com|xmr\.crypto-pool\.fr):[0-9]{2,5}/ nocase
    condition:
        $h
}

rule Miner_Kinsing
{
    meta:
        description = "Kinsing malware (kdevtmpfsi miner and its Go loader)"
        reference = "https://blog.aquasec.com/threat-alert-kinsing-malware-container-vulnerability"
        category = "miner"
    strings:
        $n1 = "kdevtmpfsi"
        $n2 = "/tmp/kinsing"
        $n3 = "/etc/kinsing"
        $n4 = "/var/tmp/kinsing"
        $g1 = "main.minerRunningCheck"
        $g2 = "main.getMinerPid"
        $g3 = "main.backconnect"
        $g4 = "main.masscan"
        $g5 = "main.downloadAndExecute"
        $g6 = "main.isMinerRunning"
    condition:
        1 of ($n*) or 2 of ($g*)
}
