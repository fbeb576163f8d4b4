// revshells.yar — reverse shells: a shell whose input and output are a network connection
// SPDX-License-Identifier: Apache-2.0
//
// Written for the one-liners attackers drop into cron lines, systemd units, rc files and
// scripts: bash's /dev/tcp redirections, netcat with -e, named-pipe relays, socat exec,
// Python/Perl/PHP/Ruby socket one-liners, awk's /inet/tcp. Each rule needs both halves: the
// connection and the shell bound to it.

rule RevShell_Bash_Dev_TCP
{
    meta:
        description = "reverse shell: an interactive shell redirected to bash's /dev/tcp/HOST/PORT"
        reference = "https://www.gnu.org/software/bash/manual/html_node/Redirections.html"
        category = "reverse-shell"
    strings:
        $r1 = /(ba|z|k|da)?sh\s+-i\s*[0-9]?>&\s*\/dev\/(tcp|udp)\/[A-Za-z0-9._:-]{1,253}\/[0-9]{1,5}/
        $r2 = /\/dev\/(tcp|udp)\/[A-Za-z0-9._:-]{1,253}\/[0-9]{1,5}\s*0?\s*(<&|>&)\s*[0-9]/
        $r3 = /exec\s+[0-9]{1,3}\s*<>\s*\/dev\/(tcp|udp)\/[A-Za-z0-9._:-]{1,253}\/[0-9]{1,5}/
        $r4 = /(ba|z|k|da)?sh\s+-i\s*<\s*\/dev\/(tcp|udp)\/[A-Za-z0-9._:-]{1,253}\/[0-9]{1,5}/
    condition:
        any of them
}

rule RevShell_Netcat_Exec
{
    meta:
        description = "reverse or bind shell: netcat/ncat running a shell for a connection (-e/-c, or a named-pipe relay)"
        reference = "https://nmap.org/ncat/guide/ncat-exec.html"
        category = "reverse-shell"
    strings:
        $n1 = /\b(nc|ncat|netcat)(\.traditional|\.openbsd)?\s[^\n|;&]{0,100}-[a-z]*[ec]\s*['"]?\/bin\/(ba|z|k|da)?sh/
        $n2 = /\b(nc|ncat|netcat)(\.traditional)?\s+-[a-z]*[ec]\s*['"]?(ba|z|da)?sh\b/
        $n3 = /mkfifo\s+[^\n;|]{1,100}[;&|]+[^\n]{0,120}(\/bin\/)?(ba|z|k|da)?sh\s+-i[^\n]{0,60}\|\s*(nc|ncat|netcat|telnet|openssl\s+s_client)\s/
        $n4 = /(\/bin\/)?(ba|z|k|da)?sh\s+-i\s+2>&1\s*\|\s*(nc|ncat|netcat)\s+[A-Za-z0-9._-]{1,253}\s+[0-9]{1,5}/
        $n5 = /mknod\s+[^\n;|]{1,100}\s+p\s*[;&|]+[^\n]{0,120}(\/bin\/)?(ba|z|k|da)?sh\s[^\n]{0,60}\|\s*(nc|ncat|netcat|telnet)\s/
        $n6 = /telnet\s+[A-Za-z0-9._-]{1,253}\s+[0-9]{1,5}\s*\|\s*\/bin\/(ba)?sh\s*\|\s*telnet\s/
    condition:
        any of them
}

rule RevShell_Socat_Exec
{
    meta:
        description = "reverse shell: socat connecting a TCP stream to a shell (exec:/system:)"
        reference = "http://www.dest-unreach.org/socat/doc/socat.html"
        category = "reverse-shell"
    strings:
        $s = /\bsocat\s[^\n]{0,200}(exec|system):['"]?(\/bin\/)?(ba|z|k|da)?sh\b/ nocase
        $t = /\bsocat\s[^\n]{0,200}tcp[46]?(-connect|-listen)?:/ nocase
    condition:
        $s and $t
}

rule RevShell_Python_Socket
{
    meta:
        description = "reverse shell: Python connecting a socket and binding a shell to it (dup2 / pty.spawn / subprocess)"
        reference = "https://docs.python.org/3/library/pty.html#pty.spawn"
        category = "reverse-shell"
    strings:
        $c = /\.connect\s*\(\s*\(\s*["'][A-Za-z0-9._:-]{1,253}["']\s*,\s*[0-9]{1,5}\s*\)\s*\)/
        $d = /os\.dup2\s*\(\s*[A-Za-z_][A-Za-z0-9_]*\.fileno\s*\(\s*\)\s*,\s*[0-2]\s*\)/
        $sh1 = /pty\.spawn\s*\(\s*["'](\/bin\/)?(ba|z|da)?sh["']/
        $sh2 = /subprocess\.(call|Popen|run|check_call)\s*\(\s*\[\s*["'](\/bin\/)?(ba|z|da)?sh["']\s*(,\s*["']-i["'])?/
        $sh3 = /os\.system\s*\(\s*["'](\/bin\/)?(ba|z|da)?sh( -i)?["']/
    condition:
        $c and $d and 1 of ($sh*)
}

rule RevShell_Perl_Socket
{
    meta:
        description = "reverse shell: Perl with a socket, STDIN/STDOUT/STDERR opened on it, a shell executed"
        reference = "https://perldoc.perl.org/functions/open"
        category = "reverse-shell"
    strings:
        $s = /use\s+(IO::)?Socket/
        $o = /open\s*\(\s*STD(IN|OUT|ERR)\s*,\s*["']\s*[<>]&\s*[A-Za-z_$]/
        $e = /exec\s*\(?\s*["'](\/bin\/)?(ba|z|da)?sh( -i)?["']/
    condition:
        $s and $o and $e
}

rule RevShell_PHP_Socket
{
    meta:
        description = "reverse shell: PHP fsockopen with a shell bound to the socket's descriptor"
        reference = "https://www.php.net/manual/en/function.fsockopen.php"
        category = "reverse-shell"
    strings:
        $f = /fsockopen\s*\(\s*["'][A-Za-z0-9._:-]{1,253}["']\s*,\s*[0-9]{1,5}/
        $s1 = /(\/bin\/)?(ba|z|da)?sh\s+-i\s*<&\s*[0-9]+\s*>&\s*[0-9]+/
        $s2 = /proc_open\s*\(\s*["'](\/bin\/)?(ba|z|da)?sh( -i)?["']\s*,\s*(array\s*\(|\[)\s*0\s*=>\s*\$/
    condition:
        $f and 1 of ($s*)
}

rule RevShell_Ruby_Awk_Socket
{
    meta:
        description = "reverse shell: Ruby TCPSocket or gawk /inet/tcp feeding a shell"
        reference = "https://www.gnu.org/software/gawk/manual/html_node/TCP_002fIP-Networking.html"
        category = "reverse-shell"
    strings:
        $r1 = /TCPSocket\.(new|open)\s*\(\s*["'][A-Za-z0-9._:-]{1,253}["']\s*,\s*[0-9]{1,5}\s*\)[^\n]{0,200}(exec|spawn|popen|system)[^\n]{0,40}(\/bin\/)?(ba|z|da)?sh\b/
        $r2 = /\/inet\/tcp\/0\/[A-Za-z0-9._:-]{1,253}\/[0-9]{1,5}[^\n]{0,300}(\|&|\|\s*getline)/
    condition:
        any of them
}
