/* main.c — placeholder until the CLI lands */
/* SPDX-License-Identifier: Apache-2.0 */
int main(void)
{
	return 2;
}
