# mpboot: one static binary built with musl, plus a glibc host build with
# sanitizers for the unit tests. Everything generated goes under $(BUILD).

BUILD    ?= build
# What is slow to make and does not change with mpboot's own sources lives
# in a cache shared by every clone and build folder, keyed by its inputs:
# the musl libraries by the text of the script that builds them. CI runs in
# a fresh clone and finds what an earlier session built; a missing cache is
# rebuilt.
CACHE    ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/mpboot
export MPBOOT_CACHE := $(CACHE)
DEPS_KEY := $(shell cat scripts/build-deps.sh | sha256sum | cut -c1-12)
DEPS     ?= $(CACHE)/deps-$(DEPS_KEY)
SYSROOT  := $(DEPS)/sysroot
KHDR     := $(DEPS)/kernel-headers
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo 0.0-dev)

SRCS     := $(sort $(shell find src -name '*.c'))
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))

WARN     := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Isrc
MUSL_CC  := musl-gcc
MUSL_CFLAGS := $(WARN) -Os -ffunction-sections -fdata-sections \
	-I$(SYSROOT)/include -isystem $(KHDR) -DMPBOOT_VERSION='"$(VERSION)"'
MUSL_LIBS := -L$(SYSROOT)/lib -ldevmapper -lblkid -lkmod

HOST_CC  ?= gcc
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer
HOST_CFLAGS := $(WARN) -g -O1 $(SAN)
HOST_LIBS := -ldevmapper -lblkid -lkmod

FUZZ_CC  := clang
FUZZ_CFLAGS := $(WARN) -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_OBJ_CFLAGS := $(WARN) -g -O1 -fsanitize=fuzzer-no-link,address,undefined
FUZZ_RUNS ?= 10000000
FUZZ_SECONDS ?= 300
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

MUSL_OBJS := $(SRCS:%.c=$(BUILD)/musl/%.o)
HOST_OBJS := $(LIB_SRCS:%.c=$(BUILD)/host/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/host/tests/%)

.SECONDARY:
.PHONY: FORCE all setup deps tools allocs size unit check demo fuzz fuzz-build bench bench-quick clean initramfs \
	install uninstall torture torture-quick check-iscsi
all: $(BUILD)/mpboot

setup:
	@scripts/setup-debian.sh

# The libraries are built once per version of the script (the key in
# DEPS); delete $(DEPS) to rebuild them.
deps: $(SYSROOT)/deps.stamp
$(SYSROOT)/deps.stamp:
	@scripts/setup-debian.sh
	scripts/build-deps.sh $(DEPS)
	@touch $@

$(BUILD)/musl/%.o: %.c $(SYSROOT)/deps.stamp
	@mkdir -p $(@D)
	$(MUSL_CC) $(MUSL_CFLAGS) -MMD -MP -c -o $@ $<

# main.o alone carries the version: rebuilt when `git describe` changes,
# not only when main.c does (a stamp rewritten only when it differs).
$(BUILD)/version.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' >$@
$(BUILD)/musl/src/main.o: $(BUILD)/version.stamp
FORCE:

$(BUILD)/mpboot: $(MUSL_OBJS)
	$(MUSL_CC) -static -s -Wl,--gc-sections -o $@ $(MUSL_OBJS) $(MUSL_LIBS)

# Test tools that run inside the QEMU guests (tests/tools/, one file
# each), static like mpboot; tests/qemu/run.sh puts them in every
# initramfs.
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tools/%)
tools: $(TOOL_BINS)
$(BUILD)/tools/%: tests/tools/%.c $(SYSROOT)/deps.stamp
	@mkdir -p $(@D)
	$(MUSL_CC) $(WARN) -Os -isystem $(KHDR) -static -s -o $@ $<

# A test build that counts its allocations, checks and loop passes
# (tests/allocs/: every allocator call goes through its wrappers, the
# counts are written to stderr on SIGUSR1); scenario 37 runs it as its
# daemon. Never installed.
ALLOCS_WRAP := $(foreach f,malloc calloc realloc aligned_alloc posix_memalign free chk_start poll,-Wl,--wrap=$(f))
allocs: $(BUILD)/mpboot-allocs
$(BUILD)/mpboot-allocs: $(MUSL_OBJS) $(BUILD)/musl/tests/allocs/allocs.o
	$(MUSL_CC) -static -s -Wl,--gc-sections $(ALLOCS_WRAP) -o $@ $^ $(MUSL_LIBS)

size: $(BUILD)/mpboot
	@file $< | grep -q 'statically linked' || { echo "$< is not static"; exit 1; }
	@echo "$<: $$(stat -c %s $<) bytes stripped (budget 614400)"

$(BUILD)/host/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/host/tests/%: tests/unit/%.c $(HOST_OBJS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Itests/unit -MMD -MP -o $@ $< $(HOST_OBJS) $(HOST_LIBS)

unit: $(UNIT_BINS)
	@tests/unit/run.sh $(UNIT_BINS)

# The library sources are built once for the fuzz targets (coverage
# instrumented, sanitizers on) into an archive each target links, so the
# linker takes only the objects a target calls. tests/fuzz/run.sh runs
# every target (or those named in FUZZ_TARGETS) for FUZZ_RUNS executions
# or FUZZ_SECONDS, whichever comes first, and prints a table.
FUZZ_OBJS := $(LIB_SRCS:%.c=$(BUILD)/fuzz/obj/%.o)
$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_OBJ_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/fuzz/libmpboot.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/fuzz/libmpboot.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -o $@ $< $(BUILD)/fuzz/libmpboot.a $(HOST_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$(FUZZ_SECONDS) BUILD=$(BUILD) \
		tests/fuzz/run.sh $(FUZZ_TARGETS)

# make initramfs [KVER=...] [INITRAMFS_FLAGS='--shell ...']: mpboot as /init
# with the storage modules (initramfs/mkinitramfs). Without KVER, the
# kernel the QEMU tests boot (from the cache); a KVER the cache does not
# hold takes its modules from /lib/modules.
initramfs: all
	@scripts/setup-debian.sh
	@bash -c '. tests/qemu/lib.sh; k="$(KVER)"; modroot=/; \
	if [ -z "$$k" ]; then kern_fetch; k=$$KVER; modroot=$$KERN_ROOT; \
	elif [ -d "$$MPBOOT_CACHE/kernel/linux-image-$$k/lib/modules/$$k" ]; then \
		modroot=$$MPBOOT_CACHE/kernel/linux-image-$$k; fi; \
	exec initramfs/mkinitramfs -k "$$k" --modroot "$$modroot" \
		--mpboot $(BUILD)/mpboot -o $(BUILD)/initramfs-$$k.img $(INITRAMFS_FLAGS)'

# make install [PREFIX=/usr] [DESTDIR=...]: the static mpboot, the initramfs
# generator (as mpboot-mkinitramfs, taking the installed mpboot), the man
# page, and the dracut module where dracut looks (DRACUTDIR, not under
# PREFIX: dracut has one place).
PREFIX    ?= /usr
SBINDIR   ?= $(PREFIX)/sbin
MANDIR    ?= $(PREFIX)/share/man
DRACUTDIR ?= /usr/lib/dracut
DRACUT_MOD := module-setup.sh mpboot-start.sh mpboot-settled.sh mpboot-udev-db.sh \
	mpboot.service 40-mpboot-path.rules 62-mpboot.rules
INSTALLED := $(SBINDIR)/mpboot $(SBINDIR)/mpboot-mkinitramfs \
	$(MANDIR)/man8/mpboot.8 $(DRACUTDIR)/dracut.conf.d/50-mpboot.conf \
	$(DRACUT_MOD:%=$(DRACUTDIR)/modules.d/90mpboot/%)

install: all
	install -D -m 0755 $(BUILD)/mpboot $(DESTDIR)$(SBINDIR)/mpboot
	sed 's|^\(out=.* mpboot=\)$$here/../build/mpboot|\1$(SBINDIR)/mpboot|' \
		initramfs/mkinitramfs >$(BUILD)/mpboot-mkinitramfs
	install -D -m 0755 $(BUILD)/mpboot-mkinitramfs \
		$(DESTDIR)$(SBINDIR)/mpboot-mkinitramfs
	install -D -m 0644 doc/mpboot.8 $(DESTDIR)$(MANDIR)/man8/mpboot.8
	install -d $(DESTDIR)$(DRACUTDIR)/modules.d/90mpboot
	for f in $(DRACUT_MOD); do \
		m=0755; case $$f in *.service | *.rules) m=0644 ;; esac; \
		install -m $$m dracut-module/$$f \
			$(DESTDIR)$(DRACUTDIR)/modules.d/90mpboot/$$f || exit 1; \
	done
	install -D -m 0644 dracut-module/50-mpboot.conf \
		$(DESTDIR)$(DRACUTDIR)/dracut.conf.d/50-mpboot.conf

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	-rmdir $(DESTDIR)$(DRACUTDIR)/modules.d/90mpboot

check:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all tools
	@scripts/check.sh $(BUILD)

demo:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh $(BUILD)

# Side by side with Debian's multipath-tools in one QEMU boot; prints
# figures, asserts no timings. Then the checker daemons' memory and CPU
# (tests/bench/daemon.sh; at 256x4 it takes several minutes under TCG),
# and dracut with mpboot's module against dracut with multipath-tools:
# initramfs size and time to multi-user.target (tests/bench/dracut.sh,
# two real-root boots).
bench:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all
	@tests/bench/run.sh $(BUILD)
	@tests/bench/daemon.sh $(BUILD) 256x4
	@tests/bench/dracut.sh $(BUILD)

bench-quick:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all
	@tests/bench/run.sh $(BUILD) 16x2
	@BENCH_SETTLE=30 BENCH_WINDOW=30 tests/bench/daemon.sh $(BUILD) 16x4

# The fault campaign (tests/torture/, QEMU scenario 48): writers on
# several LUNs under random path faults, daemon kills, reconfigure and
# --once, every block read back. torture runs until 1,000 faults (most of
# an hour under TCG; TORTURE_SEED=N replays, TORTURE_FAULTS and
# TORTURE_SECONDS bound it); torture-quick is the few minutes make check
# runs as scenario 48.
torture:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all tools
	@tests/torture/run.sh $(BUILD) full

torture-quick:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all tools
	@tests/torture/run.sh $(BUILD) quick

# QEMU scenario 46: the Debian real root on an iSCSI LUN over two
# portals, through dracut's network and iscsi modules and mpboot's; a
# real-root boot over iSCSI takes minutes under TCG, so make check leaves
# it out (SC_SLOW).
check-iscsi:
	@scripts/setup-debian.sh
	@$(MAKE) --no-print-directory all tools
	@tests/qemu/run.sh $(BUILD) 46

clean:
	rm -rf $(BUILD)/musl $(BUILD)/host $(BUILD)/fuzz $(BUILD)/tools $(BUILD)/mpboot $(BUILD)/mpboot-allocs

-include $(MUSL_OBJS:.o=.d) $(HOST_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d) $(FUZZ_BINS:=.d) $(UNIT_BINS:=.d) $(BUILD)/musl/tests/allocs/allocs.d
