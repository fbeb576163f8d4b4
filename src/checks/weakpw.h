/* weakpw.h — whether a password found in a configuration file is empty, the user's name, or one
 * of the default and common passwords of a small built-in list */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECKS_WEAKPW_H
#define IA_CHECKS_WEAKPW_H

#include <stddef.h>
#include <string.h>
#include <strings.h>

/*
 * Our own list: the sample passwords of the packages whose configurations the checks read
 * (Tomcat's tomcat-users.xml and documentation, WordPress's and Laravel's samples, the
 * official database images' examples) and the top of every published ranking of leaked
 * passwords. Compared without case.
 */
static const char *const chk_weak_passwords[] = {
	"tomcat",
	"s3cret",
	"secret",
	"admin",
	"password",
	"changeme",
	"manager",
	"role1",
	"both",
	"123456",
	"12345678",
	"123456789",
	"qwerty",
	"letmein",
	"welcome",
	"passw0rd",
	"root",
	"toor",
	"test",
	"guest",
	"1234",
	"12345",
	"default",
	"pass",
	"admin123",
	"password1",
	"tomcat1",
	"j2deployer",
	"ovwxad",
	"mysql",
	"postgres",
	"sa",
	"mongo",
	"mongodb",
	"example",
	"changeit",
	"secret123",
	"db",
	"database",
	"wordpress",
	"laravel",
	"homestead",
	"<must-be-changed>",
	"password_here",
	"your_password",
	"yourpassword",
	"123",
};

/*
 * Why pw (the password of user, NULL when unknown) is weak: "empty", "the user name", "a
 * default or common password", "shorter than 8 characters"; NULL when none of these.
 */
static inline const char *chk_weak_password(const char *user, const char *pw)
{
	if (!pw[0])
		return "empty";
	if (user && user[0] && strcasecmp(pw, user) == 0)
		return "the user name";
	for (size_t i = 0; i < sizeof(chk_weak_passwords) / sizeof(chk_weak_passwords[0]); i++)
		if (strcasecmp(pw, chk_weak_passwords[i]) == 0)
			return "a default or common password";
	if (strlen(pw) < 8)
		return "shorter than 8 characters";
	return NULL;
}

#endif
