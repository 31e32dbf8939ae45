// SPDX-License-Identifier: MIT
/*
 * init.c - PID 1 of the initramfs images the real-handoff test and make
 * bench boot (built static for the target).
 *
 * In the old kernel's initramfs, /cp holds an mkcodepage OUTDIR and /bin
 * has kexec-codepage: init runs "kexec-codepage --exec /cp", which loads
 * it with the kexec_load system call alone and reboots into the codepage.
 * With /kexec-list present, it adds --list (the codepage replaces the
 * kernel's relocation code; the kernel needs the patches in kernel/).
 * With /disable-kexec present, kexec_load is disabled first (to see the
 * loader explain EPERM); kexec-codepage then fails and the kernel, its
 * init gone, panics and (panic=-1, -no-reboot) QEMU exits.
 * With mkcodepage.bench=HOW on the kernel command line (tools/
 * bench-handoff.sh), /bench holds one destination loaded in each way HOW
 * names: kexec-tools (Debian's /sbin/kexec, with its checks) and
 * kexec-tools-i (-i: without), Image, initrd and the command line in
 * /bench/cmdline; codepage and codepage-no-verify, OUTDIRs in /bench.
 * In the destination kernel's initramfs there is no /cp: init prints
 *   handoff: second kernel up: <the kernel command line>
 *   handoff: _stext at <its address>  (where KASLR put the kernel)
 * and powers the machine off. Both kernels print the CPUs online and
 * each CPU's hardware id where the arch shows it, so a test can see that
 * the destination starts on the CPU the old kernel handed off from:
 *   handoff: second kernel: cpus online 0-1    (or "old kernel:")
 *   handoff: second kernel: cpu0 is hart 1     (riscv "hart", x86
 *     "apicid", powerpc's physical_id; arm64's kernel says "Booting Linux
 *     on physical CPU" itself)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
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

/* The first line of PATH into buf, without its newline ("" if none). */
static void read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = 0;
	if (f) {
		if (!fgets(buf, (int)size, f))
			buf[0] = 0;
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = 0;
}

/* What a running system has mounted, and the loader reads: /sys (the
 * tree the kernel was booted with, sysfs flags) and securityfs (the
 * lockdown mode). */
static void system_mounts(void)
{
	mkdir("/sys", 0555);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
}

/*
 * kexec-codepage --exec, as a child: it reboots into the codepage, or
 * fails. Then this init exits with its status (the kernel panics, and
 * says exitcode=0x...), but only once its message has left the console:
 * the tty writes it out asynchronously, and a panic's lines printed on
 * another CPU would otherwise break into it.
 */
static void load_codepage(const char *outdir, int list)
{
	pid_t pid;
	int status;
	struct utsname uts;

	/* which kernel hands off: Debian's 6.1 or 6.12, or ours */
	if (uname(&uts) == 0)
		printf("handoff: old kernel is Linux %s\n", uts.release);
	printf("handoff: old kernel up, loading %s%s\n", outdir,
	       list ? " as the kernel's relocation code" : "");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/bin/kexec-codepage", "kexec-codepage", "--exec", "-v",
		      list ? "--list" : "-v", outdir, (char *)NULL);
		perror("handoff: exec kexec-codepage");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return;
	tcdrain(1);
	tcdrain(2);
	exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

/* kexec-tools loads /bench's destination (checks = 0: with -i), then
 * reboots into it. It reads /proc/iomem and the firmware's tree in /sys. */
static void load_kexec_tools(int checks)
{
	static char append[2048] = "--append=";
	char *load[] = { "kexec",
			 "-l",
			 "/bench/Image",
			 "--initrd=/bench/initrd",
			 append,
			 checks ? NULL : "-i",
			 NULL };
	int status;
	pid_t pid;

	read_line("/bench/cmdline", append + strlen(append),
		  sizeof(append) - strlen(append));
	printf("handoff: old kernel up, loading /bench with kexec-tools%s\n",
	       checks ? "" : " -i");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv("/sbin/kexec", load);
		perror("handoff: exec /sbin/kexec");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		printf("handoff: kexec -l failed\n");
		return;
	}
	execl("/sbin/kexec", "kexec", "-e", (char *)NULL);
	perror("handoff: exec /sbin/kexec -e");
}

/* The word at s, len bytes long, is word. */
static int is_word(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && !strncmp(s, word, len);
}

/* mkcodepage.bench=HOW on the command line: load /bench that way. */
static int bench(const char *cmdline)
{
	const char *how = strstr(cmdline, "mkcodepage.bench=");
	size_t len;

	if (!how)
		return 0;
	how += strlen("mkcodepage.bench=");
	len = strcspn(how, " ");
	if (is_word(how, len, "kexec-tools"))
		load_kexec_tools(1);
	else if (is_word(how, len, "kexec-tools-i"))
		load_kexec_tools(0);
	else if (is_word(how, len, "codepage"))
		load_codepage("/bench/cp", 0);
	else if (is_word(how, len, "codepage-no-verify"))
		load_codepage("/bench/cp-no-verify", 0);
	else
		printf("handoff: unknown mkcodepage.bench=%.*s\n", (int)len,
		       how);
	return 1;
}

/* /proc/cpuinfo's id line of each processor (riscv "hart", x86 "apicid"),
 * else powerpc's sysfs physical_id. */
static void print_cpu_ids(const char *who)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256], path[80], id[32];
	int cpu = -1, shown = 0;

	while (f && fgets(line, sizeof(line), f)) {
		char key[16];

		if (sscanf(line, "processor : %d", &cpu) == 1)
			continue;
		if (cpu >= 0 && sscanf(line, "%15[a-z] : %31s", key, id) == 2 &&
		    (!strcmp(key, "hart") || !strcmp(key, "apicid"))) {
			printf("handoff: %s: cpu%d is %s %s\n", who, cpu, key,
			       id);
			shown = 1;
		}
	}
	if (f)
		fclose(f);
	for (cpu = 0; cpu < 64 && !shown; cpu++) {
		snprintf(path, sizeof(path),
			 "/sys/devices/system/cpu/cpu%d/physical_id", cpu);
		read_line(path, id, sizeof(id));
		if (id[0])
			printf("handoff: %s: cpu%d is physical_id %s\n", who,
			       cpu, id);
	}
}

static void print_cpus(const char *who)
{
	char online[64];

	read_line("/sys/devices/system/cpu/online", online, sizeof(online));
	printf("handoff: %s: cpus online %s\n", who, online);
	print_cpu_ids(who);
}

/* Where the running kernel's text starts (/proc/kallsyms: root sees the
 * addresses), or nothing when it cannot say. */
static void print_text(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[256], addr[32];

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%31s T _stext", addr) == 1 &&
		    strstr(line, " T _stext\n")) {
			printf("handoff: _stext at %s\n", addr);
			break;
		}
	if (f)
		fclose(f);
}

int main(void)
{
	char cmdline[1024];

	console();
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	system_mounts();
	read_line("/proc/cmdline", cmdline, sizeof(cmdline));
	if (bench(cmdline)) {
		power_off();
		return 1;
	}
	if (access("/cp/segments.txt", R_OK) == 0) {
		print_cpus("old kernel");
		if (access("/disable-kexec", F_OK) == 0) { /* test EPERM */
			FILE *d = fopen("/proc/sys/kernel/kexec_load_disabled",
					"w");

			if (d) {
				fputs("1\n", d);
				fclose(d);
			}
		}
		load_codepage("/cp", access("/kexec-list", F_OK) == 0);
		power_off();
		return 1;
	}
	printf("handoff: second kernel up: %s\n", cmdline);
	print_text();
	print_cpus("second kernel");
	power_off();
	return 0;
}
