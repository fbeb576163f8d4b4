// webshells.yar — PHP webshells: code run from request data, and known families
// SPDX-License-Identifier: Apache-2.0
//
// A webshell is a server-side page that runs what a request carries: the request data
// ($_POST, request.getParameter, Request.Form ...) flows into a code evaluator or a command
// runner, often behind a chain of decoders. The rules look for that flow within one
// expression, or for the markers of known families; they are written so that real
// applications (WordPress, phpMyAdmin, MediaWiki, Roundcube and their libraries) do not match.
//
// These rules are about PHP code, which PHP runs only between <? tags: imgaudit runs this file
// only over files holding "<?" (not "<?xml"), or "<?php" or "<?=" in a program (checks/malware.c).

rule Webshell_PHP_Eval_Request
{
    meta:
        description = "PHP webshell: eval/assert/create_function of request data"
        reference = "https://www.php.net/manual/en/function.eval.php"
        category = "webshell"
    strings:
        $e1 = /\b(eval|assert)\s*\(\s*(@\s*)?(\(\s*string\s*\)\s*)?(stripslashes\s*\(\s*|trim\s*\(\s*|urldecode\s*\(\s*|rawurldecode\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE|SERVER\s*\[\s*['"]HTTP_)/ nocase
        $e2 = /\bcreate_function\s*\([^;]{0,200}\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase
        $e3 = /\b(eval|assert)\s*\(\s*\$\{?\s*['"]?_(POST|GET|REQUEST|COOKIE)/ nocase
        $e4 = /\b(eval|assert)\s*\(\s*file_get_contents\s*\(\s*['"]php:\/\/input['"]/ nocase
    condition:
        any of them
}

rule Webshell_PHP_Decoded_Eval
{
    meta:
        description = "PHP code evaluated from a decoder chain (eval of base64_decode/gzinflate/str_rot13/strrev output)"
        reference = "https://www.php.net/manual/en/function.gzinflate.php"
        category = "webshell"
    strings:
        $d = /\b(eval|assert)\s*\(\s*(@\s*)?(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|strrev|convert_uudecode|hex2bin|pack)\s*\(\s*(@\s*)?((gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|strrev|convert_uudecode|hex2bin|rawurldecode|urldecode)\s*\(\s*)*(\$_(POST|GET|REQUEST|COOKIE)|['"][A-Za-z0-9+\/=\\]{16,}|\$[A-Za-z_][A-Za-z0-9_]*)/ nocase
    condition:
        $d
}

rule Webshell_PHP_Preg_Replace_Eval
{
    meta:
        description = "PHP webshell: preg_replace with the /e modifier evaluating request data"
        reference = "https://www.php.net/manual/en/reference.pcre.pattern.modifiers.php"
        category = "webshell"
    strings:
        $p = /\bpreg_replace\s*\(\s*['"][^'"]{0,100}\/[a-df-z]*e[a-z]*['"]\s*,[^;]{0,200}\$_(POST|GET|REQUEST|COOKIE)/ nocase
        $q = /\bpreg_replace\s*\(\s*\$_(POST|GET|REQUEST|COOKIE)/ nocase
    condition:
        any of them
}

rule Webshell_PHP_Command_Request
{
    meta:
        description = "PHP webshell: a shell command taken from request data (system/exec/passthru/shell_exec/popen/proc_open, backticks)"
        reference = "https://www.php.net/manual/en/ref.exec.php"
        category = "webshell"
    strings:
        $c1 = /\b(system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec)\s*\(\s*(@\s*)?((base64_decode|stripslashes|urldecode|trim|str_rot13)\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE|SERVER\s*\[\s*['"]HTTP_)/ nocase
        $c2 = /(=|echo|print|return|\()\s*`\s*\$_(POST|GET|REQUEST|COOKIE)\s*\[[^\]]{1,40}\]\s*`/
    condition:
        any of them
}

rule Webshell_PHP_Dynamic_Call_Request
{
    meta:
        description = "PHP webshell: a function named by the request called on request data ($_GET['f']($_POST['c']), call_user_func/array_map on request data)"
        reference = "https://www.php.net/manual/en/functions.variable-functions.php"
        category = "webshell"
    strings:
        $v1 = /\$_(POST|GET|REQUEST|COOKIE)\s*\[[^\]]{1,40}\]\s*\(\s*(@\s*)?\$_(POST|GET|REQUEST|COOKIE)/ nocase
        $v2 = /\b(call_user_func|call_user_func_array|array_map|register_shutdown_function|register_tick_function|forward_static_call)\s*\(\s*(@\s*)?\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase
        $v5 = /\b(array_filter|array_walk|usort|uasort|uksort)\s*\([^,;]{1,100},\s*(@\s*)?\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase
        $v3 = /\b(call_user_func|array_map|array_filter)\s*\(\s*['"](assert|eval|system|passthru|shell_exec|exec)['"]\s*,\s*(array\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE)/ nocase
    condition:
        any of them
}

rule Webshell_PHP_Obfuscated_Evaluator
{
    meta:
        description = "PHP code that hides the name of eval/assert/system/base64_decode (hex or octal escapes, str_rot13, strrev, chr chains)"
        reference = "https://www.php.net/manual/en/language.types.string.php#language.types.string.syntax.double"
        category = "webshell"
    strings:
        $php = "<?" 
        $h1 = "\\x65\\x76\\x61\\x6c" nocase
        $h2 = "\\x61\\x73\\x73\\x65\\x72\\x74" nocase
        $h3 = "\\x62\\x61\\x73\\x65\\x36\\x34\\x5f\\x64\\x65\\x63\\x6f\\x64\\x65" nocase
        $h4 = "\\x73\\x79\\x73\\x74\\x65\\x6d" nocase
        $h5 = "\\x67\\x7a\\x69\\x6e\\x66\\x6c\\x61\\x74\\x65" nocase
        $o1 = "\\145\\166\\141\\154"
        $o2 = "\\141\\163\\163\\145\\162\\164"
        $r1 = /str_rot13\s*\(\s*['"](riny|nffreg|flfgrz|onfr64_qrpbqr|tmvasyngr|furyy_rkrp|cnffgueh)['"]/ nocase
        $r2 = /strrev\s*\(\s*['"](lave|tressa|edoced_46esab|etalfnizg|metsys|cexe_llehs|urhtssap)['"]/ nocase
        $c1 = /chr\s*\(\s*101\s*\)\s*\.\s*chr\s*\(\s*118\s*\)\s*\.\s*chr\s*\(\s*97\s*\)\s*\.\s*chr\s*\(\s*108\s*\)/ nocase
        $c2 = /chr\s*\(\s*97\s*\)\s*\.\s*chr\s*\(\s*115\s*\)\s*\.\s*chr\s*\(\s*115\s*\)\s*\.\s*chr\s*\(\s*101\s*\)/ nocase
        $s1 = /['"]as['"]\s*\.\s*['"]se['"]\s*\.\s*['"]rt['"]/ nocase
        $s2 = /['"]base['"]\s*\.\s*['"]64_de['"]\s*\.\s*['"]code['"]/ nocase
        $s3 = /['"]ev['"]\s*\.\s*['"]al['"]/ nocase
        $s4 = /['"]ass['"]\s*\.\s*['"]ert['"]/ nocase
        $s5 = /['"]sys['"]\s*\.\s*['"]tem['"]/ nocase
    condition:
        $php and 1 of ($h*, $o*, $r*, $c*, $s*)
}

rule Webshell_PHP_Packed_Payload
{
    meta:
        description = "PHP file whose payload is a long encoded blob passed through a decoder into eval/assert or a variable function"
        reference = "https://www.php.net/manual/en/function.base64-decode.php"
        category = "webshell"
    strings:
        $php = "<?"
        $blob = /(base64_decode|gzinflate|gzuncompress|str_rot13)\s*\(\s*['"][A-Za-z0-9+\/=]{512}/ nocase
        $ev1 = /\beval\s*\(/ nocase
        $ev2 = /\bassert\s*\(/ nocase
        $ev4 = /create_function\s*\(/ nocase
    condition:
        $php and $blob and 1 of ($ev*)
}

rule Webshell_PHP_Families
{
    meta:
        description = "known PHP webshell family (c99, r57, WSO, b374k, FilesMan, AntSword, Godzilla, Behinder, China Chopper markers)"
        reference = "https://github.com/tennc/webshell"
        category = "webshell"
    strings:
        $php = "<?"
        $f1 = "c99shell" nocase
        $f2 = "c99sh_" nocase
        $f3 = "r57shell" nocase
        $f4 = "r57 shell" nocase
        $f5 = "WSO 2." nocase
        $f6 = /\$default_action\s*=\s*['"]FilesMan['"]/
        $f7 = "b374k" nocase
        $f8 = "Web Shell by oRb" nocase
        $f9 = "wso_version" nocase
        $f10 = "FilesMan"
        $f11 = /\$payloadName\s*=\s*['"]/
        $f12 = "antSword" nocase
        $f13 = "c999shell" nocase
        $f14 = "N3tshell" nocase
        $g1 = /\$_SESSION\s*\[\s*\$payloadName\s*\]/
        $g2 = /\$_SESSION\s*\[\s*['"]k['"]\s*\]\s*=\s*\$key/
        $g3 = "openssl_decrypt" nocase
        $g4 = /file_get_contents\s*\(\s*['"]php:\/\/input['"]\s*\)/ nocase
        $g5 = /\beval\s*\(/ nocase
        $g6 = /\bassert\s*\(/ nocase
        $g7 = "__invoke" nocase
        $x1 = /\b(shell_exec|passthru|system|proc_open|popen|exec)\s*\(/ nocase
        $x2 = "base64_decode" nocase
        $x3 = "gzinflate" nocase
        $x4 = "move_uploaded_file" nocase
    condition:
        ($php and 1 of ($f*) and 1 of ($g5, $g6, $x*))
        or ($php and $g1)
        or ($php and $g2 and $g3 and $g4 and ($g5 or $g6 or $g7))
}
