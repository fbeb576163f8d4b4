// test.yar — antivirus test files: the EICAR test string
// SPDX-License-Identifier: Apache-2.0

rule Test_EICAR
{
    meta:
        description = "EICAR antivirus test file (harmless, but every scanner reports it: remove it from the image)"
        reference = "https://www.eicar.org/download-anti-malware-testfile/"
        category = "test"
    strings:
        $e = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    condition:
        $e
}
