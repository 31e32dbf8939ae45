// SPDX-License-Identifier: MIT
/* fithash.c - see fithash.h. */
#include "fithash.h"
#include "util.h"

#include <libfdt.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

/* U-Boot's largest digest: sha512. */
#define DIGEST_MAX 64

struct fit_algo {
	const char *name; /* the hash node's algo */
	size_t size; /* bytes of its value */
	void (*digest)(const unsigned char *data, size_t len,
		       unsigned char *out);
};

/* zlib counts in uInt; U-Boot stores the CRC big-endian. */
static void digest_crc32(const unsigned char *data, size_t len,
			 unsigned char *out)
{
	uLong crc = crc32(0, NULL, 0);

	for (size_t n; len; data += n, len -= n) {
		n = len < (1u << 30) ? len : 1u << 30;
		crc = crc32(crc, data, (uInt)n);
	}
	cp_store_be(out, 4, crc);
}

/* nettle's update() and digest() have the same shape for each hash. */
#define NETTLE_DIGEST(fn, ctx, init, update, digest, size)    \
	static void fn(const unsigned char *data, size_t len, \
		       unsigned char *out)                    \
	{                                                     \
		struct ctx c;                                 \
		init(&c);                                     \
		update(&c, len, data);                        \
		digest(&c, size, out);                        \
	}
NETTLE_DIGEST(digest_md5, md5_ctx, md5_init, md5_update, md5_digest,
	      MD5_DIGEST_SIZE)
NETTLE_DIGEST(digest_sha1, sha1_ctx, sha1_init, sha1_update, sha1_digest,
	      SHA1_DIGEST_SIZE)
NETTLE_DIGEST(digest_sha256, sha256_ctx, sha256_init, sha256_update,
	      sha256_digest, SHA256_DIGEST_SIZE)
NETTLE_DIGEST(digest_sha384, sha384_ctx, sha384_init, sha384_update,
	      sha384_digest, SHA384_DIGEST_SIZE)
NETTLE_DIGEST(digest_sha512, sha512_ctx, sha512_init, sha512_update,
	      sha512_digest, SHA512_DIGEST_SIZE)

static const struct fit_algo algos[] = {
	{ "crc32", 4, digest_crc32 },
	{ "md5", MD5_DIGEST_SIZE, digest_md5 },
	{ "sha1", SHA1_DIGEST_SIZE, digest_sha1 },
	{ "sha256", SHA256_DIGEST_SIZE, digest_sha256 },
	{ "sha384", SHA384_DIGEST_SIZE, digest_sha384 },
	{ "sha512", SHA512_DIGEST_SIZE, digest_sha512 },
};

static const struct fit_algo *algo_named(const char *name, int len)
{
	for (size_t i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if ((int)strlen(algos[i].name) + 1 == len &&
		    !memcmp(algos[i].name, name, (size_t)len))
			return &algos[i];
	return NULL;
}

static void hex(char *dst, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(dst + 2 * i, "%02x", p[i]);
}

/* One hash node: 0 when it matches, -1 (reported) otherwise. */
static int check_one(const void *fit, int node, const char *name,
		     const unsigned char *data, size_t len,
		     const struct cp_loc *loc)
{
	int alen, vlen;
	const char *aname = fdt_getprop(fit, node, "algo", &alen);
	const unsigned char *value = fdt_getprop(fit, node, "value", &vlen);
	const struct fit_algo *a = aname ? algo_named(aname, alen) : NULL;
	unsigned char got[DIGEST_MAX];
	char want_hex[2 * DIGEST_MAX + 1], got_hex[2 * DIGEST_MAX + 1];

	if (!a) {
		cp_error(loc, fit_hash,
			 "%s: algo is %s; mkcodepage checks crc32, md5, sha1, "
			 "sha256, sha384 and sha512",
			 name, aname ? "not one of these" : "missing");
		return -1;
	}
	if (!value || (size_t)vlen != a->size) {
		cp_error(loc, fit_hash, "%s: a %s value is %zu bytes, not %d",
			 name, a->name, a->size, value ? vlen : 0);
		return -1;
	}
	a->digest(data, len, got);
	if (memcmp(got, value, a->size)) {
		hex(want_hex, value, a->size);
		hex(got_hex, got, a->size);
		cp_error(loc, fit_hash,
			 "%s: the data's %s is %s, the FIT says %s: the image "
			 "is damaged or was changed after mkimage",
			 name, a->name, got_hex, want_hex);
		return -1;
	}
	return 0;
}

int cp_fit_check_hashes(const void *fit, int image, const unsigned char *data,
			size_t len, const struct cp_loc *loc)
{
	int node, n = 0;

	fdt_for_each_subnode(node, fit, image)
	{
		const char *name = fdt_get_name(fit, node, NULL);

		if (!name || strncmp(name, "hash", 4))
			continue;
		if (check_one(fit, node, name, data, len, loc))
			return -1;
		n++;
	}
	return n;
}
