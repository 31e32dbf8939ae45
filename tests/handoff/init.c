// SPDX-License-Identifier: MIT
/*
 * init.c - PID 1 of the initramfs images the real-handoff test boots
 * (built static for the target).
 *
 * In the old kernel's initramfs, /cp holds an mkcodepage OUTDIR and /bin
 * has kexec-codepage: init execs "kexec-codepage --exec /cp", which loads
 * it with the kexec_load system call alone and reboots into the codepage.
 * With /kexec-list present, it adds --list (the codepage replaces the
 * kernel's relocation code; the kernel needs the patches in kernel/).
 * With /disable-kexec present, kexec_load is disabled first (to see the
 * loader explain EPERM); kexec-codepage then fails and the kernel, its
 * init gone, panics and (panic=-1, -no-reboot) QEMU exits.
 * In the destination kernel's initramfs there is no /cp: init prints
 *   handoff: second kernel up: <the kernel command line>
 * and powers the machine off.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

/* An initramfs without /dev/console leaves init without output. */
static void console(void)
{
	int fd;

	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

static void power_off(void)
{
	fflush(stdout);
	sync();
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_POWER_OFF, NULL);
}

int main(void)
{
	char cmdline[1024] = "";
	FILE *f;

	console();
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	if (access("/cp/segments.txt", R_OK) == 0) {
		if (access("/disable-kexec", F_OK) == 0) { /* test EPERM */
			FILE *d = fopen("/proc/sys/kernel/kexec_load_disabled",
					 "w");

			if (d) {
				fputs("1\n", d);
				fclose(d);
			}
		}
		int list = access("/kexec-list", F_OK) == 0;

		printf("handoff: old kernel up, loading /cp%s\n",
		       list ? " as the kernel's relocation code" : "");
		fflush(stdout);
		execl("/bin/kexec-codepage", "kexec-codepage", "--exec", "-v",
		      list ? "--list" : "-v", "/cp", (char *)NULL);
		perror("handoff: exec kexec-codepage");
		power_off();
		return 1;
	}
	f = fopen("/proc/cmdline", "r");
	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = 0;
		fclose(f);
	}
	cmdline[strcspn(cmdline, "\n")] = 0;
	printf("handoff: second kernel up: %s\n", cmdline);
	power_off();
	return 0;
}
