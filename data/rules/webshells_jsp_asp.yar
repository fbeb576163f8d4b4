// webshells_jsp_asp.yar — JSP, ASP and ASPX webshells: code run from request data, class and assembly loaders
// SPDX-License-Identifier: Apache-2.0
//
// As in webshells.yar: request data flowing into a command runner, a script engine or a class
// loader within one page. These are about server pages, which run only between <% %> tags,
// in <jsp:...> elements or in <script runat="server"> blocks: imgaudit runs this file only over
// files holding one of them (checks/malware.c).

rule Webshell_JSP_Command_Request
{
    meta:
        description = "JSP webshell: Runtime.exec or ProcessBuilder run on a request parameter"
        reference = "https://docs.oracle.com/javase/8/docs/api/java/lang/Runtime.html#exec-java.lang.String-"
        category = "webshell"
    strings:
        $j1 = "<%"
        $j2 = "<jsp:" nocase
        $j3 = "javax.servlet" nocase
        $j4 = "jakarta.servlet" nocase
        $x1 = /Runtime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(/
        $x2 = /new\s+ProcessBuilder\s*\(/
        $x3 = "java.lang.ProcessBuilder"
        $x4 = /Runtime\s*\.\s*class\s*\.\s*getMethod\s*\(\s*"exec"/
        $r1 = /request\s*\.\s*getParameter\s*\(/
        $r2 = /request\s*\.\s*getHeader\s*\(/
        $r3 = /request\s*\.\s*getInputStream\s*\(/
        $r4 = /request\s*\.\s*getReader\s*\(/
        $direct = /(exec|ProcessBuilder)\s*\(\s*(new\s+String\s*\[\s*\]\s*\{[^}]{0,100})?request\s*\.\s*get(Parameter|Header)\s*\(/
    condition:
        $direct or (1 of ($j*) and 1 of ($x*) and 1 of ($r*) and filesize < 1MB)
}

rule Webshell_JSP_Class_Loader
{
    meta:
        description = "JSP memory-shell loader: classes defined from request bytes, usually AES-encrypted (Behinder, Godzilla, AntSword)"
        reference = "https://github.com/rebeyond/Behinder"
        category = "webshell"
    strings:
        $j1 = "<%"
        $j2 = "<jsp:" nocase
        $c1 = "extends ClassLoader"
        $c2 = "defineClass"
        $r1 = /request\s*\.\s*getParameter\s*\(/
        $r2 = /request\s*\.\s*getInputStream\s*\(/
        $r3 = /request\s*\.\s*getReader\s*\(/
        $k1 = "javax.crypto.Cipher"
        $k2 = "Cipher.getInstance"
        $k3 = "BASE64Decoder"
        $k4 = "Base64.getDecoder"
        $k5 = "session.putValue" nocase
        $k6 = "pageContext"
    condition:
        1 of ($j*) and ($c1 or $c2) and 1 of ($r*) and 2 of ($k*)
}

rule Webshell_JSP_Script_Engine_Request
{
    meta:
        description = "JSP webshell: a script engine (JavaScript/Nashorn) evaluating a request parameter"
        reference = "https://docs.oracle.com/javase/8/docs/api/javax/script/ScriptEngine.html"
        category = "webshell"
    strings:
        $j = "<%"
        $s1 = "ScriptEngineManager"
        $s2 = /getEngineByName\s*\(\s*"(js|javascript|nashorn|JavaScript)"/
        $r = /\.eval\s*\(\s*request\s*\.\s*getParameter\s*\(/
    condition:
        $j and $s1 and $s2 and $r
}

rule Webshell_ASP_Eval_Request
{
    meta:
        description = "ASP/ASPX webshell: Eval/Execute of request data (China Chopper and its clones)"
        reference = "https://www.mandiant.com/resources/blog/breaking-down-the-china-chopper-web-shell-part-i"
        category = "webshell"
    strings:
        $a1 = /\b(eval|execute|executeglobal)\s*\(?\s*request\s*(\.\s*(item|form|querystring)\s*)?[\(\[]/ nocase
        $a2 = /eval\s*\(\s*Request\.Item\s*\[[^\]]{1,40}\]\s*,\s*"unsafe"\s*\)/ nocase
        $a3 = /\b(eval|execute)\s*\(?\s*request\s*\.\s*(form|querystring|item|cookies)\b/ nocase
    condition:
        any of them
}

rule Webshell_ASPX_Command_Request
{
    meta:
        description = "ASPX webshell: a process started with a command from the request"
        reference = "https://learn.microsoft.com/dotnet/api/system.diagnostics.process.start"
        category = "webshell"
    strings:
        $p1 = "<%@" nocase
        $p2 = "runat=\"server\"" nocase
        $x1 = "Process.Start" nocase
        $x2 = "ProcessStartInfo" nocase
        $x3 = "cmd.exe" nocase
        $x4 = "/bin/sh" nocase
        $x5 = "WScript.Shell" nocase
        $r1 = /Request\s*(\.\s*(Form|QueryString|Item|Params))?\s*[\[\(]\s*"/ nocase
    condition:
        1 of ($p*) and ($x1 or $x2 or $x5) and ($x3 or $x4 or $x5) and $r1 and filesize < 1MB
}

rule Webshell_ASPX_Assembly_Loader
{
    meta:
        description = "ASPX memory-shell loader: an assembly loaded from decrypted request bytes (Behinder, Godzilla)"
        reference = "https://github.com/BeichenDream/Godzilla"
        category = "webshell"
    strings:
        $p1 = "<%@" nocase
        $p2 = "runat=\"server\"" nocase
        $l1 = "Assembly.Load" nocase
        $l2 = ".CreateInstance(" nocase
        $r1 = "Request.BinaryRead" nocase
        $r2 = "Request.Form" nocase
        $r3 = "Request.InputStream" nocase
        $k1 = "RijndaelManaged" nocase
        $k2 = "FromBase64String" nocase
        $k3 = "CreateDecryptor" nocase
        $k4 = "TransformFinalBlock" nocase
    condition:
        1 of ($p*) and $l1 and 1 of ($r*) and 2 of ($k*) and ($l2 or $k1)
}
