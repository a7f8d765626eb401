/* Benchmark driver: verify every DKIM signature with libopendkim (OpenDKIM's library).
 *
 * usage: opendkim_verify [--mbox] [--shard K/N] KEYFILE FILE...
 *
 * KEYFILE is libopendkim's DKIM_QUERY_FILE format, one key per line:
 *   selector._domainkey.domain <whitespace> TXT-record-content
 * (bench/archive.sh writes it from keys.zone), so no DNS is used.
 * --mbox       every FILE is an mboxrd archive, split here (separator "From ..." at
 *              the start or after a blank line; the blank line is dropped, ">From "
 *              quoting undone and LF turned into CRLF, which is what the milter gets
 *              from an MTA).
 * --shard K/N  verify only messages number K, K+N, ... (0-based), so that N copies can
 *              run side by side, as the multi-threaded milter would on N cores.
 * Prints one summary line: pass=N fail=N permerror=N temperror=N none=N
 *
 * Mapping: PASSED flag with body hash match -> pass; no key / unusable key -> permerror;
 * key query failure -> temperror; body hash mismatch or bad signature -> fail;
 * any other per-signature error -> permerror.
 *
 * build: cc -O2 -o opendkim_verify opendkim_verify.c -lopendkim   (libopendkim-dev)
 */
#define _GNU_SOURCE /* memmem */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <opendkim/dkim.h>

static long counts[5]; /* pass fail permerror temperror none */
static DKIM_LIB *lib;
static unsigned char *buf;
static size_t bufcap;

static void verify_one(const unsigned char *msg, size_t len)
{
    DKIM_STAT st;
    DKIM *d = dkim_verify(lib, (const unsigned char *)"bench", NULL, &st);
    if (d == NULL) {
        fprintf(stderr, "dkim_verify: %s\n", dkim_getresultstr(st));
        exit(1);
    }
    dkim_chunk(d, (unsigned char *)msg, len);
    dkim_chunk(d, NULL, 0);
    dkim_eom(d, NULL);
    DKIM_SIGINFO **sigs = NULL;
    int nsigs = 0;
    if (dkim_getsiglist(d, &sigs, &nsigs) != DKIM_STAT_OK || nsigs == 0) {
        counts[4]++;
    } else {
        for (int i = 0; i < nsigs; i++) {
            unsigned int flags = dkim_sig_getflags(sigs[i]);
            int bh = dkim_sig_getbh(sigs[i]);
            int err = dkim_sig_geterror(sigs[i]);
            if ((flags & DKIM_SIGFLAG_PASSED) && bh == DKIM_SIGBH_MATCH)
                counts[0]++;
            else if (err == DKIM_SIGERROR_KEYFAIL)
                counts[3]++;
            else if (bh == DKIM_SIGBH_MISMATCH || err == DKIM_SIGERROR_BADSIG
                     || err == DKIM_SIGERROR_OK)
                counts[1]++;
            else
                counts[2]++;
        }
    }
    dkim_free(d);
}

/* the message between [p, end): undo >From quoting, LF -> CRLF, into buf */
static void verify_mbox_message(const unsigned char *p, const unsigned char *end)
{
    size_t need = 2 * (size_t)(end - p) + 2, n = 0;
    if (need > bufcap) {
        bufcap = need * 2;
        buf = realloc(buf, bufcap);
        if (!buf) { perror("realloc"); exit(1); }
    }
    bool bol = true;
    for (; p < end; p++) {
        if (bol && *p == '>') {
            const unsigned char *q = p;
            while (q < end && *q == '>') q++;
            if (end - q >= 5 && memcmp(q, "From ", 5) == 0) p++; /* drop one '>' */
        }
        bol = false;
        if (*p == '\n') {
            if (n == 0 || buf[n - 1] != '\r') buf[n++] = '\r';
            bol = true;
        }
        buf[n++] = *p;
    }
    verify_one(buf, n);
}

int main(int argc, char **argv)
{
    bool mbox = false;
    long shard = 0, nshards = 1, seq = -1;
    int a = 1;
    for (; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
        if (strcmp(argv[a], "--mbox") == 0) mbox = true;
        else if (strcmp(argv[a], "--shard") == 0 && a + 1 < argc) {
            if (sscanf(argv[++a], "%ld/%ld", &shard, &nshards) != 2 || nshards < 1) {
                fprintf(stderr, "bad --shard\n");
                return 2;
            }
        } else {
            fprintf(stderr, "unknown option %s\n", argv[a]);
            return 2;
        }
    }
    if (argc - a < 1) {
        fprintf(stderr, "usage: opendkim_verify [--mbox] [--shard K/N] KEYFILE FILE...\n");
        return 2;
    }
    const char *keyfile = argv[a++];
    lib = dkim_init(NULL, NULL);
    if (!lib) { fprintf(stderr, "dkim_init failed\n"); return 1; }
    dkim_query_t qm = DKIM_QUERY_FILE;
    dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYMETHOD, &qm, sizeof qm);
    dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYINFO, (void *)keyfile, strlen(keyfile));

    for (; a < argc; a++) {
        int fd = open(argv[a], O_RDONLY);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) != 0) { perror(argv[a]); return 2; }
        if (sb.st_size == 0) { close(fd); continue; }
        const unsigned char *data = mmap(NULL, sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data == MAP_FAILED) { perror("mmap"); return 2; }
        size_t size = sb.st_size;
        if (!mbox) {
            if (++seq % nshards == shard) verify_one(data, size);
        } else {
            /* start of the current separator line, if any */
            const unsigned char *start =
                (size >= 5 && memcmp(data, "From ", 5) == 0) ? data : NULL;
            const unsigned char *s = data;
            for (;;) {
                const unsigned char *hit = memmem(s, size - (s - data), "\n\nFrom ", 7);
                const unsigned char *next = hit ? hit + 2 : NULL;
                if (start) {
                    const unsigned char *end = next ? next - 1 : data + size;
                    const unsigned char *nl = memchr(start, '\n', end - start);
                    if (nl && ++seq % nshards == shard)
                        verify_mbox_message(nl + 1, end);
                }
                if (!next) break;
                start = s = next;
            }
        }
        munmap((void *)data, size);
        close(fd);
    }
    dkim_close(lib);
    printf("pass=%ld fail=%ld permerror=%ld temperror=%ld none=%ld\n", counts[0], counts[1],
           counts[2], counts[3], counts[4]);
    return 0;
}
