// nulled.yar — nulled (licence-stripped) commercial PHP scripts
// SPDX-License-Identifier: Apache-2.0
//
// category crack (JD-1.1a). PHP code: imgaudit runs this file only over files holding PHP
// code markers, as webshells.yar.

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
