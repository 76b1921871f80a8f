/*
 * Benchmark only: an LD_PRELOAD library that makes DCMTK storescp as durable as the agent, so the two can be compared
 * doing the same work on the disk. Every regular file a process closes after writing it is fsync'd, and then its
 * directory, before the close returns. storescp closes an instance's file before it sends the C-STORE response, so
 * with this library loaded the response leaves only once the instance would survive a power cut.
 *
 * Built by ingest-bench.sh:  cc -O2 -shared -fPIC -o fsync-on-close.so fsync-on-close.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void make_durable(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY) {
        return;
    }

    fsync(fd);

    /* The directory entry of a new file is durable only once its directory is fsync'd too. */
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, sizeof path - 1);
    if (length <= 0) {
        return;
    }

    path[length] = '\0';
    int directory = open(dirname(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        fsync(directory);
        /* The raw system call: our own close() below would look at the directory again. */
        syscall(SYS_close, directory);
    }
}

/* fclose closes its descriptor inside libc, out of reach of the close() below, so it is caught on its own. */
int fclose(FILE *stream)
{
    static int (*real_fclose)(FILE *);
    if (real_fclose == NULL) {
        real_fclose = (int (*)(FILE *))dlsym(RTLD_NEXT, "fclose");
    }

    fflush(stream);
    make_durable(fileno(stream));
    return real_fclose(stream);
}

int close(int fd)
{
    static int (*real_close)(int);
    if (real_close == NULL) {
        real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    }

    make_durable(fd);
    return real_close(fd);
}
